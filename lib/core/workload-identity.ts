/** A Kubernetes service account. */
export interface ServiceAccountRef {
  /** Namespace of the service account. */
  readonly namespace: string;
  /** Name of the service account. */
  readonly name: string;
}

/** A cloud identity bound to one Kubernetes service account (no node-wide identity, no long-lived keys). */
export interface WorkloadIdentity {
  /** The Kubernetes service account the cloud identity is bound to. */
  readonly serviceAccount: ServiceAccountRef;
  /** Annotations the service account needs for the cloud to recognise it. */
  readonly serviceAccountAnnotations: { readonly [key: string]: string };
  /** Labels the pods using the service account need (Azure's webhook injects the token only into labelled pods). */
  readonly podLabels: { readonly [key: string]: string };
}

/** The subject a federated credential trusts for a service account. */
export function serviceAccountSubject(sa: ServiceAccountRef): string {
  return `system:serviceaccount:${sa.namespace}:${sa.name}`;
}
