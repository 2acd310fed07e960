/**
 * In-cluster pieces built only on the core contracts: the kubernetes and helm providers from a cluster connection,
 * the namespace, ingress controllers, cert-manager and its ClusterIssuers, Secrets, the app's Helm release and the
 * database bootstrap Job.
 *
 * Providers: the kubernetes and helm providers, which need the cluster's address and credentials at apply time: create
 * them with {@link KubernetesProviders} from a cluster construct's `connect()`.
 *
 * @packageDocumentation
 */
export * from './app-release';
export * from './cert-manager';
export * from './certificate';
export * from './cockroach-backup';
export * from './database-bootstrap';
export * from './database-bootstrap-sql';
export * from './ingress';
export * from './namespace';
export * from './providers';
export * from './rabbitmq';
export * from './release';
export * from './resources/object-resource';
export * from './resources/job';
export * from './resources/stateful-set';
export * from './resources/deployment';
export * from './s3-gateway/s3proxy';
export * from './secrets';
export * from './storage-class';
export * from './values';
