/**
 * The Spacelift self-hosted profile: its requirements, buckets and retention, and {@link SpaceliftProfile}, which renders
 * its Secrets, Helm values and shell variables. Providers: `SpaceliftProfile` generates its encryption key with the tls
 * provider and adds a `TlsProvider` to its stack itself when the stack declares none.
 *
 * @packageDocumentation
 */
export * from './buckets';
export * from './profile';
