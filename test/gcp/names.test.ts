import { GCP_NAMES, checkName } from '../../lib/core/naming';
import { expectValidationError } from '../support/validation-matchers';

/** The GCP naming rules in lib/core/naming.ts, each with a name it accepts and names it refuses. */
const CASES: Array<[keyof typeof GCP_NAMES, string[], string[]]> = [
  ['project', ['my-project', 'spacelift-prod-123'], ['short', 'My-Project', '1project', 'project-', 'a'.repeat(31), 'my_project']],
  ['bucket', ['spacelift-states-abc123', 'a_b-c'], ['ab', 'Bucket', '-bucket', 'bucket-', 'a'.repeat(64), 'my.bucket']],
  ['serviceAccount', ['spacelift-backend', 'abcdef'], ['abcde', 'Spacelift', '1account', 'account-', 'a'.repeat(31)]],
  ['cluster', ['spacelift-gke', 'a'], ['Spacelift', '1gke', 'gke-', 'a'.repeat(41), 'my_gke']],
  ['sqlInstance', ['spacelift-pg-abc123'], ['Spacelift', '1pg', 'pg-', 'a'.repeat(64)]],
  ['artifactRepository', ['spacelift'], ['Spacelift', '1repo', 'repo-', 'my_repo']],
  ['generic', ['spacelift-vpc'], ['Spacelift', '1vpc', 'vpc-', 'a'.repeat(64)]],
];

describe.each(CASES)('GCP_NAMES.%s', (rule, good, bad) => {
  test.each(good)('accepts %s', (n) => expect(checkName('config', 'name', n, GCP_NAMES[rule])).toBe(n));
  test.each(bad)('rejects %s', (n) => expectValidationError(() => checkName('config', 'name', n, GCP_NAMES[rule]), 'name', n));
});
