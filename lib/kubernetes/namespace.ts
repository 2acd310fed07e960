import { NamespaceV1 } from '@cdktf/provider-kubernetes/lib/namespace-v1';
import { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { DocumentObject } from '../core/document';
import { checkNamespace, checkOneOf } from '../core/validation';

/** Pod Security Standard a namespace enforces. */
export type PodSecurityLevel = 'privileged' | 'baseline' | 'restricted';

/** Properties of {@link AppNamespace}. */
export interface AppNamespaceProps {
  /** Namespace name. */
  readonly name: string;
  /** Pod Security Standard enforced; `restricted` is always reported as a warning. @default "baseline" */
  readonly podSecurity?: PodSecurityLevel;
  /** Extra labels. @default none */
  readonly labels?: { readonly [key: string]: string };
  /** What the namespace must be created after and deleted before (the cluster). */
  readonly dependsOn: readonly ITerraformDependable[];
}

/** A namespace with Pod Security Admission labels. */
export class AppNamespace extends Construct {
  /** The `kubernetes_namespace_v1` resource. */
  public readonly namespace: NamespaceV1;
  /** The namespace name as a reference: using it makes a resource wait for the namespace. */
  public readonly name: string;
  /** The name as written in the config, for synth-time comparisons. */
  public readonly literalName: string;
  /** The labels the namespace carries (Pod Security Admission and `managed-by`), as literals. */
  public readonly labels: { readonly [key: string]: string };
  /**
   * The `v1/Namespace` manifest of this namespace (literal name and labels), for `kubectl apply`: what the infra
   * stack's `install_commands` applies where this construct creates the resource.
   */
  public readonly manifest: DocumentObject;

  public constructor(scope: Construct, id: string, props: AppNamespaceProps) {
    super(scope, id);
    checkNamespace(this, 'name', props.name);
    const level = checkOneOf(this, 'podSecurity', props.podSecurity ?? 'baseline', ['privileged', 'baseline', 'restricted'] as const);
    this.labels = {
      ...props.labels,
      'app.kubernetes.io/managed-by': 'terraform',
      'pod-security.kubernetes.io/enforce': level,
      'pod-security.kubernetes.io/warn': 'restricted',
      'pod-security.kubernetes.io/audit': 'restricted',
    };
    this.namespace = new NamespaceV1(this, 'namespace', {
      metadata: { name: props.name, labels: { ...this.labels } },
      dependsOn: [...props.dependsOn],
    });
    this.manifest = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: props.name, labels: { ...this.labels } } };
    this.name = this.namespace.metadata.name;
    this.literalName = props.name;
  }
}
