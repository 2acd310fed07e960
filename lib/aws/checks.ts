import { IConstruct } from 'constructs';
import { ValidationError, checkPattern, isUnresolved } from '../core/validation';

type Scope = IConstruct | string;

/** An IAM role or user ARN of the commercial partition: `arn:aws:iam::<12 digits>:role/<path/name>` (or `user/`). */
export function checkIamPrincipalArn(scope: Scope, field: string, value: string): string {
  return checkPattern(
    scope,
    field,
    value,
    /^arn:aws:iam::\d{12}:(role|user)\/([\w+=,.@-]+\/)*[\w+=,.@-]{1,64}$/,
    'an IAM role or user ARN such as "arn:aws:iam::123456789012:role/platform-admins" (not an assumed-role session ARN: use the role it belongs to)',
  );
}

/** An IAM role ARN (a pattern `*` is allowed in the name, as in IAM policies). */
export function checkIamRoleArnPattern(scope: Scope, field: string, value: string): string {
  return checkPattern(
    scope,
    field,
    value,
    /^arn:aws:iam::\d{12}:role\/[\w+=,.@*/-]{1,512}$/,
    'an IAM role ARN such as "arn:aws:iam::123456789012:role/spacelift-*" ("*" may stand for any characters in the name)',
  );
}

/** Graviton (arm64) instance families: the generation digit is followed by "g" (m7g, c7gn, t4g, r8g, im4gn, x2gd). */
const GRAVITON = /^[a-z]+\d+g[a-z]*\./;

/** An EC2 instance type such as "m6i.xlarge". */
export function checkEc2InstanceType(scope: Scope, field: string, value: string): string {
  return checkPattern(
    scope,
    field,
    value,
    /^[a-z][a-z0-9]*\d[a-z0-9-]*\.(nano|micro|small|medium|large|\d*xlarge|metal(-\d+xl)?)$/,
    'an EC2 instance type such as "m6i.xlarge" or "m7g.large" (family, ".", size)',
  );
}

/** The CPU architecture of an instance type. */
export function instanceArchitecture(instanceType: string): 'arm64' | 'x86_64' {
  return GRAVITON.test(instanceType) ? 'arm64' : 'x86_64';
}

/** A list of instance types that all share one CPU architecture (a node group runs one AMI). */
export function checkSameArchitecture(scope: Scope, field: string, types: readonly string[]): 'arm64' | 'x86_64' {
  const literal = types.filter((t) => !isUnresolved(t));
  const archs = new Set(literal.map(instanceArchitecture));
  if (archs.size > 1) {
    throw new ValidationError(scope, field, types, 'instance types of one CPU architecture: all Graviton (arm64, e.g. m7g) or all x86_64 (e.g. m6i), since a node group runs one AMI');
  }
  return literal.length > 0 ? instanceArchitecture(literal[0]!) : 'x86_64';
}

/** An RDS instance class such as "db.m6g.large"; `db.serverless` only where Aurora Serverless v2 is allowed. */
export function checkDbInstanceClass(scope: Scope, field: string, value: string, allowServerless = false): string {
  if (isUnresolved(value)) return value;
  if (allowServerless && value === 'db.serverless') return value;
  return checkPattern(
    scope,
    field,
    value,
    /^db\.[a-z][a-z0-9-]*\d[a-z0-9-]*\.(micro|small|medium|large|\d*xlarge)$/,
    `an RDS instance class such as "db.m6g.large" or "db.r7g.xlarge" ("db." + family + size)${allowServerless ? ', or "db.serverless"' : ''}`,
  );
}
