import * as fs from 'fs';
import * as path from 'path';
import { parseDocument } from 'yaml';
import { ZodError } from 'zod';
import { packageRoot } from '../lib/core/package-root';
import { ValidationError } from '../lib/core/validation';
import { DEPLOYMENT_KINDS, DEPLOYMENT_KIND_NAMES, DeploymentConfig, exampleConfigFiles } from './deployments';

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

/** Reads, parses (YAML or JSON) and shape-checks a config file. Errors are ValidationErrors naming the field. */
export function loadConfigFile(file: string): DeploymentConfig {
  if (!fs.existsSync(file)) {
    throw new ValidationError(`config ${file}`, CONFIG_ENV, file, 'the path of an existing YAML or JSON config file');
  }
  const doc = parseDocument(fs.readFileSync(file, 'utf8'), { prettyErrors: true });
  if (doc.errors.length > 0) {
    const e = doc.errors[0]!;
    throw new ValidationError(`config ${file}`, `line ${e.linePos?.[0]?.line ?? '?'}`, e.code, `valid YAML: ${e.message.split('\n')[0]}`);
  }
  return parseConfig(doc.toJS(), `config ${file}`);
}

/** Shape-checks a config object; `where` names its source in errors. */
export function parseConfig(value: unknown, where = 'config'): DeploymentConfig {
  const kind = (value as { kind?: unknown } | null)?.kind;
  const entry = typeof kind === 'string' && Object.prototype.hasOwnProperty.call(DEPLOYMENT_KINDS, kind) ? DEPLOYMENT_KINDS[kind as keyof typeof DEPLOYMENT_KINDS] : undefined;
  if (entry === undefined) {
    throw new ValidationError(where, 'kind', kind, `one of ${DEPLOYMENT_KIND_NAMES.map((k) => JSON.stringify(k)).join(', ')}`);
  }
  try {
    // jitless: a config is parsed once, so compiling zod's fast path for it costs more than it saves (~20 ms a synth).
    return entry.schema.parse(value, { jitless: true }) as DeploymentConfig;
  } catch (err) {
    if (err instanceof ZodError) throw fromZod(where, value, err, entry.guide);
    throw err;
  }
}

function fromZod(where: string, input: unknown, err: ZodError, guide: string): ValidationError {
  const issue = err.issues[0]!;
  const segments = issue.path.map(String);
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0]!;
    const field = [...segments, key].join('.');
    return new ValidationError(where, field, valueAt(input, [...segments, key]), `no such field (${issue.message}); see ${guide} for the fields`);
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
