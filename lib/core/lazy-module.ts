/**
 * A module loaded the first time it is needed, then kept.
 *
 * The provider bindings are large: Node compiles every file of a binding when it is first required (Google's
 * `container-cluster` binding is 3.4 MB of JavaScript), whether or not a resource of it is ever created. A construct
 * that needs a binding only in some configurations (the database bootstrap ConfigMap, DNS records, Aurora) loads it
 * through this, so a synth that never takes that path does not pay for it. Keep the types with `import type` and
 * `typeof import(...)`, which cost nothing at run time:
 *
 * ```ts
 * import type { ConfigMapV1 } from '@cdktf/provider-kubernetes/lib/config-map-v1';
 * const configMapV1 = lazyModule(() => require('@cdktf/provider-kubernetes/lib/config-map-v1') as typeof import('@cdktf/provider-kubernetes/lib/config-map-v1'));
 * // in the constructor:
 * this.configMap = new (configMapV1().ConfigMapV1)(this, 'config', { ... });
 * ```
 *
 * `load` must call `require` with a literal path in the calling module, so the import rules (deep provider paths,
 * layers) still see it.
 */
export function lazyModule<T>(load: () => T): () => T {
  let loaded: { readonly module: T } | undefined;
  return () => (loaded ??= { module: load() }).module;
}
