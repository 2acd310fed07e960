import { TerraformLocal, Token } from 'cdktf';
import { Construct } from 'constructs';

/**
 * A structured value whose leaves may be Terraform tokens (known only at apply time). Secrets and Helm values are
 * built once as documents; the same document feeds the Kubernetes resources and the YAML/shell string outputs, so
 * the two paths cannot drift.
 */
export type DocumentValue = string | number | boolean | null | readonly DocumentValue[] | { readonly [key: string]: DocumentValue };

/** A plain object document (Helm values, a Kubernetes manifest). */
export type DocumentObject = { readonly [key: string]: DocumentValue };

/** One Kubernetes Secret of type Opaque, written with `stringData`. */
export interface SecretDocument {
  /** Secret name. */
  readonly name: string;
  /** Namespace the Secret lives in. */
  readonly namespace: string;
  /** Keys and plain (not base64) values; values may be tokens. */
  readonly stringData: { readonly [key: string]: string };
}

/** The `v1/Secret` manifest for a SecretDocument, as `kubectl apply` expects it. */
export function secretManifest(doc: SecretDocument): DocumentObject {
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    type: 'Opaque',
    metadata: { name: doc.name, namespace: doc.namespace },
    stringData: doc.stringData,
  };
}

/**
 * Returns a deep copy in which every literal string, object keys included, is safe inside Terraform's JSON syntax,
 * where `${` and `%{` start template sequences: they become `$${` and `%%{`. Strings holding tokens are left alone
 * (the token is the template). JSON's own escaping takes care of quotes, backslashes and newlines.
 */
export function escapeTemplateLiterals<T extends DocumentValue>(value: T): T {
  return escape(value) as T;
}

function escapeLiteral(text: string): string {
  // In a replacement string "$$" stands for one "$": '$$$${' writes "$${".
  return Token.isUnresolved(text) ? text : text.replace(/\$\{/g, '$$$${').replace(/%\{/g, '%%{');
}

function escape(value: DocumentValue): DocumentValue {
  if (typeof value === 'string') return escapeLiteral(value);
  if (Array.isArray(value)) return value.map(escape);
  if (value !== null && typeof value === 'object' && !Token.isUnresolved(value)) {
    const out: Record<string, DocumentValue> = {};
    for (const [k, v] of Object.entries(value as DocumentObject)) {
      // Terraform reads object keys as templates too (a key `y${1+1}` would become `y2`): keys are escaped like values.
      if (v !== undefined) out[escapeLiteral(k)] = escape(v);
    }
    return out;
  }
  return value;
}

/**
 * Publishes a document as a Terraform local value and returns the local. Terraform keeps the document's structure
 * (its JSON encoding escapes every literal), so `yamlencode(local.x)` and resource attributes built from it see
 * exactly the values that went in. Use `local.expression` (any), `local.asStringMap` or `local.asAnyMap` to refer to it.
 */
export function publishDocument(scope: Construct, id: string, value: DocumentValue): TerraformLocal {
  return new TerraformLocal(scope, id, escapeTemplateLiterals(value));
}

/** A SecretDocument published as Terraform local values: the data map, and the manifest built around it. */
export interface PublishedSecret {
  /** Name of the Kubernetes Secret. */
  readonly name: string;
  /** Namespace of the Kubernetes Secret. */
  readonly namespace: string;
  /** Local value holding the `stringData` map. */
  readonly data: TerraformLocal;
  /** Local value holding the whole `v1/Secret` manifest (its `stringData` refers to `data`). */
  readonly manifest: TerraformLocal;
}

/** Publishes a Secret document once, for both the Kubernetes resource and the YAML output. */
export function publishSecret(scope: Construct, id: string, doc: SecretDocument): PublishedSecret {
  const data = publishDocument(scope, `${id}_data`, doc.stringData);
  const manifest = publishDocument(scope, id, secretManifest({ ...doc, stringData: data.asStringMap }));
  return { name: doc.name, namespace: doc.namespace, data, manifest };
}
