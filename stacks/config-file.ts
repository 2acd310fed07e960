import * as fs from 'fs';
import * as path from 'path';
import { LineCounter, parseDocument } from 'yaml';
import { ZodError, ZodType } from 'zod';
import { packageRoot } from '../lib/core/package-root';
import { ValidationError } from '../lib/core/validation';
import { ConfigError, closest, fromConstruct, fromZod, yamlSyntaxError } from './config-errors';
import { ConfigSource, displayPath, locate } from './config-source';
import { DEPLOYMENT_KINDS, DEPLOYMENT_KIND_NAMES, DeploymentConfig, deploymentKindOf, exampleConfigFiles } from './deployments';

export type { DeploymentConfig } from './deployments';

/** Environment variable naming the user's config file. */
export const CONFIG_ENV = 'PLATFORM_CONFIG';
/** Config file picked up from the working directory when PLATFORM_CONFIG is not set. */
export const DEFAULT_CONFIG_FILE = 'platform.config.yaml';
/** The embedded AKS example (the first of the embedded examples). */
export const EXAMPLE_CONFIG_FILE = path.join(packageRoot(), DEPLOYMENT_KINDS['spacelift-aks'].example);

/** The user's config file: $PLATFORM_CONFIG, else ./platform.config.yaml; undefined when there is none. */
export function userConfigPath(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): string | undefined {
  const fromEnv = env[CONFIG_ENV];
  if (fromEnv !== undefined && fromEnv !== '') return path.resolve(cwd, fromEnv);
  const local = path.join(cwd, DEFAULT_CONFIG_FILE);
  if (fs.existsSync(local)) return local;
  return undefined;
}

/** Which files the app reads: the user's config file, else every embedded example (one stack pair each). */
export function resolveConfigPaths(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): string[] {
  const user = userConfigPath(env, cwd);
  return user === undefined ? exampleConfigFiles() : [user];
}

const SOURCES = new WeakMap<object, ConfigSource>();

/** The file a config was loaded from (its text and YAML nodes), for errors found after loading. */
export function configSourceOf(config: object): ConfigSource | undefined {
  return SOURCES.get(config);
}

/**
 * An error found while building or synthesizing a config's stacks, restated for the file the config came from (the
 * config field as written, the value as typed, line and column). Anything else is returned as it is.
 */
export function configErrorFor(err: unknown, config: DeploymentConfig): unknown {
  const source = configSourceOf(config);
  if (!(err instanceof ValidationError) || err instanceof ConfigError || source === undefined) return err;
  const kind = deploymentKindOf(config);
  return fromConstruct(err, source, kind.kind, kind.schema as ZodType);
}

/**
 * Reads, parses (YAML or JSON) and shape-checks a config file. A syntax error is a ConfigSyntaxError at the line and
 * column of the mistake; a shape error a ConfigError naming the field as written, its value as typed and where it is.
 */
export function loadConfigFile(file: string): DeploymentConfig {
  if (!fs.existsSync(file)) {
    throw new ValidationError(`config ${file}`, CONFIG_ENV, file, 'the path of an existing YAML or JSON config file');
  }
  const text = fs.readFileSync(file, 'utf8');
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  const display = displayPath(file);
  if (doc.errors.length > 0) throw yamlSyntaxError({ file, display, text, lines }, doc.errors[0]!);
  const source: ConfigSource = { file, display, text, doc, lines };
  const config = parseConfig(doc.toJS(), source);
  SOURCES.set(config, source);
  return config;
}

/**
 * Shape-checks a config object. `where` is the file it came from (errors then point into it), or a name for errors to
 * use when it came from no file.
 */
export function parseConfig(value: unknown, where: string | ConfigSource = 'config'): DeploymentConfig {
  const kind = (value as { kind?: unknown } | null)?.kind;
  const entry = typeof kind === 'string' && Object.prototype.hasOwnProperty.call(DEPLOYMENT_KINDS, kind) ? DEPLOYMENT_KINDS[kind as keyof typeof DEPLOYMENT_KINDS] : undefined;
  if (entry === undefined) {
    const allowed = `one of ${DEPLOYMENT_KIND_NAMES.map((k) => JSON.stringify(k)).join(', ')}`;
    const suggestion = typeof kind === 'string' ? closest(kind, DEPLOYMENT_KIND_NAMES, { max: 1, near: true })[0] : undefined;
    const hint = suggestion !== undefined ? `did you mean ${JSON.stringify(suggestion)}?` : undefined;
    if (typeof where === 'string') throw new ValidationError(where, 'kind', kind, hint ? `${allowed}; ${hint}` : allowed);
    const at = locate(where, ['kind']);
    throw new ConfigError({ source: where, at, field: 'kind', value: kind, typed: at.found ? (at.typed ?? JSON.stringify(kind)) : '(missing)', allowed, hint });
  }
  const schema = entry.schema as ZodType;
  // jitless: a config is parsed once, so compiling zod's fast path for it costs more than it saves (~20 ms a synth).
  const result = schema.safeParse(value, { jitless: true });
  if (result.success) return result.data as DeploymentConfig;
  if (typeof where === 'string') throw fromZodWithoutFile(where, value, result.error, entry.guide);
  throw fromZod(where, value, result.error, schema, entry.guide);
}

/** Shape errors of a config object that came from no file (tests, callers building configs in code). */
function fromZodWithoutFile(where: string, input: unknown, err: ZodError, guide: string): ValidationError {
  const issue = err.issues[0]!;
  const segments = issue.path.map(String);
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0]!;
    return new ValidationError(where, [...segments, key].join('.'), valueAt(input, [...segments, key]), `no such field (${issue.message}); see ${guide} for the fields`);
  }
  return new ValidationError(where, segments.join('.') || '(root)', valueAt(input, segments), issue.message.replace(/^Invalid input: /, ''));
}

function valueAt(input: unknown, segments: readonly string[]): unknown {
  let v: unknown = input;
  for (const s of segments) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[s];
  }
  return v;
}
