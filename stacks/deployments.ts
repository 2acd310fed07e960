import * as path from 'path';
import { TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { ZodType } from 'zod';
import { packageRoot } from '../lib/core/package-root';
import { EstafetteAksConfig, SpaceliftAksConfig, TaskclusterAksConfig, estafetteAks, estafetteAksConfigSchema, spaceliftAks, spaceliftAksConfigSchema, taskclusterAks, taskclusterAksConfigSchema } from './aks';
import { EstafetteEksConfig, SpaceliftEksConfig, TaskclusterEksConfig, estafetteEks, estafetteEksConfigSchema, spaceliftEks, spaceliftEksConfigSchema, taskclusterEks, taskclusterEksConfigSchema } from './eks';
import { EstafetteGkeConfig, SpaceliftGkeConfig, TaskclusterGkeConfig, estafetteGke, estafetteGkeConfigSchema, spaceliftGke, spaceliftGkeConfigSchema, taskclusterGke, taskclusterGkeConfigSchema } from './gke';

/**
 * One kind of deployment a config file can describe, an app on a cloud: its schema (the cloud's fields plus the app's
 * section), its guide, its example and its stack pair.
 */
export interface DeploymentKind<C> {
  /** The config's `kind`, `<app>-<cloud>`. */
  readonly kind: string;
  /** The app (its profile's `name`). */
  readonly app: string;
  /** The cloud's stack pair. */
  readonly cloud: 'aks' | 'gke' | 'eks';
  /** Strict shape of the config. */
  readonly schema: ZodType<C>;
  /** The guide with the config reference, relative to the package root. */
  readonly guide: string;
  /** The example config, relative to the package root. */
  readonly example: string;
  /**
   * The example is one of the embedded examples `cdktf synth` builds when there is no config. Every example is
   * synthesized by the tests either way; one outside the default set is built with `PLATFORM_CONFIG=<its file>`.
   */
  readonly embedded: boolean;
  /** Builds the stack pair `<name>-<cloud>-infra` and `<name>-<cloud>-platform`. */
  build(scope: Construct, config: C): { readonly infra: TerraformStack; readonly platform: TerraformStack };
}

function kind<C>(k: DeploymentKind<C>): DeploymentKind<C> {
  return k;
}

/**
 * Every deployment kind this repository ships, by `kind`: one row per app and cloud. `main.ts`, the config loader, the
 * benchmark and the example tests all read this table. An app on a cloud is a row built from the cloud's schema and
 * stack pair and the app's profile, e.g.
 * `kind({ kind: 'myapp-gke', app: 'myapp', cloud: 'gke', schema: gkeConfigSchema('myapp-gke', 'myapp', myAppSection),
 * guide, example, build: (scope, config) => gkeDeployment(scope, config, myApp) })`
 * (docs/architecture.md, "App profiles"). Spacelift's rows use its named stack classes, which are public API.
 */
export const DEPLOYMENT_KINDS = {
  'spacelift-aks': kind<SpaceliftAksConfig>({
    kind: 'spacelift-aks',
    app: 'spacelift',
    cloud: 'aks',
    schema: spaceliftAksConfigSchema,
    guide: 'docs/aks.md',
    example: 'examples/spacelift-aks/config.yaml',
    embedded: true,
    build: spaceliftAks,
  }),
  'spacelift-eks': kind<SpaceliftEksConfig>({
    kind: 'spacelift-eks',
    app: 'spacelift',
    cloud: 'eks',
    schema: spaceliftEksConfigSchema,
    guide: 'docs/eks.md',
    example: 'examples/spacelift-eks/config.yaml',
    embedded: true,
    build: spaceliftEks,
  }),
  'spacelift-gke': kind<SpaceliftGkeConfig>({
    kind: 'spacelift-gke',
    app: 'spacelift',
    cloud: 'gke',
    schema: spaceliftGkeConfigSchema,
    guide: 'docs/gke.md',
    example: 'examples/spacelift-gke/config.yaml',
    embedded: true,
    build: spaceliftGke,
  }),
  'taskcluster-aks': kind<TaskclusterAksConfig>({
    kind: 'taskcluster-aks',
    app: 'taskcluster',
    cloud: 'aks',
    schema: taskclusterAksConfigSchema,
    guide: 'docs/taskcluster.md',
    example: 'examples/taskcluster-aks/config.yaml',
    // Not in the default synth yet: with it, \`npx cdktf synth\` takes 6-7 s here against the 5 s budget
    // (docs/architecture.md, "Where synth time goes"). \`PLATFORM_CONFIG=examples/taskcluster-aks/config.yaml\`.
    embedded: true,
    build: taskclusterAks,
  }),
  'taskcluster-eks': kind<TaskclusterEksConfig>({
    kind: 'taskcluster-eks',
    app: 'taskcluster',
    cloud: 'eks',
    schema: taskclusterEksConfigSchema,
    guide: 'docs/taskcluster.md',
    example: 'examples/taskcluster-eks/config.yaml',
    // Not in the default synth yet: with it, \`npx cdktf synth\` takes 6-7 s here against the 5 s budget
    // (docs/architecture.md, "Where synth time goes"). \`PLATFORM_CONFIG=examples/taskcluster-eks/config.yaml\`.
    embedded: true,
    build: taskclusterEks,
  }),
  'taskcluster-gke': kind<TaskclusterGkeConfig>({
    kind: 'taskcluster-gke',
    app: 'taskcluster',
    cloud: 'gke',
    schema: taskclusterGkeConfigSchema,
    guide: 'docs/taskcluster.md',
    example: 'examples/taskcluster-gke/config.yaml',
    // Not in the default synth yet: with it, \`npx cdktf synth\` takes 6-7 s here against the 5 s budget
    // (docs/architecture.md, "Where synth time goes"). \`PLATFORM_CONFIG=examples/taskcluster-gke/config.yaml\`.
    embedded: true,
    build: taskclusterGke,
  }),
  'estafette-aks': kind<EstafetteAksConfig>({
    kind: 'estafette-aks',
    app: 'estafette',
    cloud: 'aks',
    schema: estafetteAksConfigSchema,
    guide: 'docs/estafette.md',
    example: 'examples/estafette-aks/config.yaml',
    // Not in the default synth until its cost is measured against the 5 s budget (docs/architecture.md).
    // \`PLATFORM_CONFIG=examples/estafette-aks/config.yaml\`.
    embedded: true,
    build: estafetteAks,
  }),
  'estafette-eks': kind<EstafetteEksConfig>({
    kind: 'estafette-eks',
    app: 'estafette',
    cloud: 'eks',
    schema: estafetteEksConfigSchema,
    guide: 'docs/estafette.md',
    example: 'examples/estafette-eks/config.yaml',
    // Not in the default synth until its cost is measured against the 5 s budget (docs/architecture.md).
    // \`PLATFORM_CONFIG=examples/estafette-eks/config.yaml\`.
    embedded: true,
    build: estafetteEks,
  }),
  'estafette-gke': kind<EstafetteGkeConfig>({
    kind: 'estafette-gke',
    app: 'estafette',
    cloud: 'gke',
    schema: estafetteGkeConfigSchema,
    guide: 'docs/estafette.md',
    example: 'examples/estafette-gke/config.yaml',
    // Not in the default synth until its cost is measured against the 5 s budget (docs/architecture.md).
    // \`PLATFORM_CONFIG=examples/estafette-gke/config.yaml\`.
    embedded: true,
    build: estafetteGke,
  }),
} as const;

/** A config of any shipped kind. */
export type DeploymentConfig = { [K in keyof typeof DEPLOYMENT_KINDS]: (typeof DEPLOYMENT_KINDS)[K] extends DeploymentKind<infer C> ? C : never }[keyof typeof DEPLOYMENT_KINDS];

/** The kinds, in table order. */
export const DEPLOYMENT_KIND_NAMES = Object.keys(DEPLOYMENT_KINDS) as (keyof typeof DEPLOYMENT_KINDS)[];

/** The entry for a config's kind (the config has been parsed, so its kind is one of the table's). */
export function deploymentKindOf(config: DeploymentConfig): DeploymentKind<DeploymentConfig> {
  return DEPLOYMENT_KINDS[config.kind as keyof typeof DEPLOYMENT_KINDS] as unknown as DeploymentKind<DeploymentConfig>;
}

/** Builds the stack pair a parsed config describes. */
export function buildDeployment(scope: Construct, config: DeploymentConfig): { readonly infra: TerraformStack; readonly platform: TerraformStack } {
  return deploymentKindOf(config).build(scope, config);
}

/** Absolute paths of the embedded example configs (what `cdktf synth` builds without a config), in table order. */
export function exampleConfigFiles(): string[] {
  return DEPLOYMENT_KIND_NAMES.filter((k) => DEPLOYMENT_KINDS[k].embedded).map((k) => path.join(packageRoot(), DEPLOYMENT_KINDS[k].example));
}
