/**
 * App profiles: what an app needs (`AppRequirements`: buckets with retention, Postgres majors, service accounts with
 * cloud access) and how its Secrets and Helm values are built from the provisioned contracts (`RenderedApp`).
 *
 * @packageDocumentation
 */
export * from './profile';
export * as spacelift from './spacelift';
export * as taskcluster from './taskcluster';
