/**
 * App profiles: {@link AppProfile}, what an app needs as data (`AppRequirements`: buckets with retention and access
 * mode, the database, service accounts with cloud access, keys, message bus, components, generated secrets) and how
 * its Secrets, Helm values and extra objects are built from the provisioned contracts (`RenderedApp`). The cloud
 * stack pairs (`stacks/aks`, `/gke`, `/eks`) build any profile.
 *
 * @packageDocumentation
 */
export * from './profile';
export * as spacelift from './spacelift';
export * as taskcluster from './taskcluster';
export * as estafette from './estafette';
