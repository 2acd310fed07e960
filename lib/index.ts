/**
 * The package root, `cdktf-selfhosted-platforms`: the cloud-neutral core (the contracts every cloud implements,
 * `ValidationError` and the checks, documents and encoders) and the policy pack. Nothing here loads a provider binding.
 *
 * Each cloud and layer has an entry point of its own, so a project loads (and installs) only the provider bindings it
 * uses: `cdktf-selfhosted-platforms/azure`, `/gcp`, `/aws`, `/kubernetes`, `/apps/spacelift`, `/policy`, `/core`, the
 * stack pairs `/stacks/aks`, `/stacks/gke` and `/stacks/eks`, and one path per file (`/azure/cluster`, `/kubernetes/ingress/traefik`, ...).
 *
 * @packageDocumentation
 */
export * from './core';
export * from './policy';
