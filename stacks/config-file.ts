import * as fs from 'fs';
import * as path from 'path';
import { parseDocument } from 'yaml';
import { ZodError } from 'zod';
import { packageRoot } from '../lib/core/package-root';
import { ValidationError } from '../lib/core/validation';
import { SpaceliftAksConfig, spaceliftAksConfigSchema } from './aks/config';

/** A deployment config: its `kind` says which stack pair it describes. */
export type DeploymentConfig = SpaceliftAksConfig;

/** Environment variable naming the user's config file. */
export const CONFIG_ENV = 'PLATFORM_CONFIG';
/** Config file picked up from the working directory when PLATFORM_CONFIG is not set. */
export const DEFAULT_CONFIG_FILE = 'platform.config.yaml';
/** The embedded example used when the user has no config file. */
export const EXAMPLE_CONFIG_FILE = path.join(packageRoot(), 'examples', 'spacelift-aks', 'config.yaml');

/** Which file the app reads: $PLATFORM_CONFIG, else ./platform.config.yaml, else the embedded example. */
export function resolveConfigPath(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): string {
  const fromEnv = env[CONFIG_ENV];
  if (fromEnv !== undefined && fromEnv !== '') return path.resolve(cwd, fromEnv);
  const local = path.join(cwd, DEFAULT_CONFIG_FILE);
  if (fs.existsSync(local)) return local;
  return EXAMPLE_CONFIG_FILE;
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
  if (kind !== 'spacelift-aks') {
    throw new ValidationError(where, 'kind', kind, '"spacelift-aks" (GKE and EKS stack pairs are not shipped yet)');
  }
  try {
    return spaceliftAksConfigSchema.parse(value);
  } catch (err) {
    if (err instanceof ZodError) throw fromZod(where, value, err);
    throw err;
  }
}

function fromZod(where: string, input: unknown, err: ZodError): ValidationError {
  const issue = err.issues[0]!;
  const segments = issue.path.map(String);
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0]!;
    const field = [...segments, key].join('.');
    return new ValidationError(where, field, valueAt(input, [...segments, key]), `no such field (${issue.message}); see docs/aks.md for the fields`);
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
