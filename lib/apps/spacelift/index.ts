/**
 * The Spacelift self-hosted profile: its requirements, buckets and retention, {@link spaceliftApp} (the profile the
 * cloud stacks build) and {@link SpaceliftProfile}, which renders its Secrets, Helm values and shell variables.
 * Providers: `SpaceliftProfile` generates its encryption key with the tls provider and adds a `TlsProvider` to its
 * stack itself when the stack declares none.
 *
 * @packageDocumentation
 */
export * from './access';
export * from './app';
export * from './buckets';
export * from './profile';
