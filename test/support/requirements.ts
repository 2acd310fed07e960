import { sharedSchemasDir, terraformBinary } from './synth';

/**
 * Test layers that need something outside the repository (the `terraform` binary, `../shared/schemas`, a PostgreSQL
 * server). On a developer's machine a missing requirement skips the layer with a printed reason. Under CI
 * (`CI=true`) it fails instead: a green CI run means every layer ran.
 */
export const IN_CI = process.env.CI === 'true';

type DescribeFn = (name: string, fn: () => void) => void;
type DescribeEach = <T extends readonly unknown[]>(table: readonly T[]) => (name: string, fn: (...args: T) => void) => void;
export type ConditionalDescribe = DescribeFn & { each: DescribeEach };

/**
 * `describe` when `available`; otherwise `describe.skip` (printing why) or, under CI, a describe whose only test fails
 * naming what is missing. Supports `.each` like jest's describe.
 */
export function describeWhen(available: boolean, requirement: string, layer: string): ConditionalDescribe {
  if (available) return describe as unknown as ConditionalDescribe;
  const message = `${layer} need ${requirement}, which is missing`;
  if (!IN_CI) {
    // Printed so the log says why these tests did not run.
    console.log(`SKIP ${message}`);
    return describe.skip as unknown as ConditionalDescribe;
  }
  const failing: DescribeFn = (name) =>
    describe(name, () => {
      test(`requires ${requirement}`, () => {
        throw new Error(`CI=true: ${message}`);
      });
    });
  const each: DescribeEach = (table) => (name) => describe.each(table as unknown as unknown[][])(name, () => failing('', () => undefined));
  return Object.assign(failing, { each });
}

/** Render tests: the real `terraform` binary. */
export const describeWithTerraform = (): ConditionalDescribe =>
  describeWhen(terraformBinary() !== undefined, 'a terraform binary on the PATH', 'render tests (they evaluate outputs with the real binary)');

/** Contract tests: the charts' real values schemas in ../shared/schemas. */
export const describeWithSharedSchemas = (): ConditionalDescribe =>
  describeWhen(sharedSchemasDir() !== undefined, '../shared/schemas next to the repository', 'chart schema contract tests');

/** The schema checks inside other layers: true when the schemas are there; under CI their absence throws. */
export function sharedSchemasPresent(): boolean {
  if (sharedSchemasDir() !== undefined) return true;
  if (IN_CI) throw new Error('CI=true: ../shared/schemas is missing next to the repository');
  return false;
}
