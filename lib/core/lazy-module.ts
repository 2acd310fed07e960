/**
 * A module loaded the first time it is needed, then kept.
 *
 * The provider bindings are large: Node compiles every file of a binding when it is first required (the Kubernetes
 * `job-v1` binding alone is 4.7 MB of JavaScript), whether or not a resource of it is ever created. A construct
 * that needs a binding only in some configurations (the database bootstrap Job, DNS records, Aurora) loads it
 * through this, so a synth that never takes that path does not pay for it. Keep the types with `import type` and
 * `typeof import(...)`, which cost nothing at run time:
 *
 * ```ts
 * import type { JobV1 } from '@cdktf/provider-kubernetes/lib/job-v1';
 * const jobV1 = lazyModule(() => require('@cdktf/provider-kubernetes/lib/job-v1') as typeof import('@cdktf/provider-kubernetes/lib/job-v1'));
 * // in the constructor:
 * this.job = new (jobV1().JobV1)(this, 'job', { ... });
 * ```
 *
 * `load` must call `require` with a literal path in the calling module, so the import rules (deep provider paths,
 * layers) still see it.
 */
export function lazyModule<T>(load: () => T): () => T {
  let loaded: { readonly module: T } | undefined;
  return () => (loaded ??= { module: load() }).module;
}
