/**
 * The cloud-neutral core: the contracts every cloud implements (`KubernetesCluster` with `connect()`,
 * `PostgresDatabase`, `ObjectStore`, `WorkloadIdentity`, `ContainerRegistry`, `PublicEntryPoint`), `ValidationError` and the
 * checks, naming rules, documents and the Terraform-side encoders. Loads no provider binding.
 *
 * @packageDocumentation
 */
export * from './binding-shaped-resource';
export * from './cidr';
export * from './cluster';
export * from './document';
export * from './encoders';
export * from './entry-point';
export * from './naming';
export * from './message-broker';
export * from './object-store';
export * from './s3-api';
export * from './postgres';
export * from './registry';
export * from './secret-escrow';
export * from './validation';
export * from './workload-identity';
export * from './dependencies';
export * from './package-root';
export * from './peer-dependencies';
export * from './stack-providers';
