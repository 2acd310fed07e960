/** A private container registry for the app's images. */
export interface ContainerRegistry {
  /** Registry resource name (what `az acr login --name` and friends take). */
  readonly name: string;
  /** Host name images are pushed to and pulled from. */
  readonly loginServer: string;
}

/** `<login server>/<repository>`, optionally with `:<tag>`. */
export function imageReference(registry: ContainerRegistry, repository: string, tag?: string): string {
  return tag === undefined ? `${registry.loginServer}/${repository}` : `${registry.loginServer}/${repository}:${tag}`;
}
