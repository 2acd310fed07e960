import { TerraformStack, TerraformVariable, Testing } from 'cdktf';
import { backupLocation } from '../../../lib/kubernetes/cockroach-backup/destination';
import { expectValidationError } from '../../support/validation-matchers';

describe('backupLocation', () => {
  const stack = new TerraformStack(Testing.app(), 's');
  const key = new TerraformVariable(stack, 'key', { type: 'string', sensitive: true }).stringValue;

  test('GCS and S3 use the nodes\' own identity (AUTH=implicit); S3 names the region', () => {
    expect(backupLocation(stack, 'd', { kind: 'gcs', bucket: 'estafette-backups' })).toEqual({ location: 'gs://estafette-backups/cockroach?AUTH=implicit' });
    expect(backupLocation(stack, 'd', { kind: 's3', bucket: 'estafette-backups', region: 'eu-west-1', path: 'prod/db' })).toEqual({
      location: 's3://estafette-backups/prod/db?AUTH=implicit&AWS_REGION=eu-west-1',
    });
  });

  test('Azure: the location has no credential; the account and key are returned apart for the Secret', () => {
    const l = backupLocation(stack, 'd', { kind: 'azure', accountName: 'estafettebk01', container: 'backups', accountKey: key });
    expect(l).toEqual({ location: 'azure://backups/cockroach', azureAccountName: 'estafettebk01', azureAccountKey: key });
  });

  test.each([
    ['d.bucket', { kind: 'gcs', bucket: "b'x" }, "b'x"],
    ['d.path', { kind: 'gcs', bucket: 'bucket', path: '/abs' }, '/abs'],
    ['d.path', { kind: 'gcs', bucket: 'bucket', path: 'a?b' }, 'a?b'],
    ['d.region', { kind: 's3', bucket: 'bucket', region: 'eu-west-1a' }, 'eu-west-1a'],
    ['d.accountName', { kind: 'azure', accountName: 'Bad-Name', container: 'backups', accountKey: 'x' }, 'Bad-Name'],
    ['d.container', { kind: 'azure', accountName: 'acct01', container: 'a--b', accountKey: 'x' }, 'a--b'],
    ['d.accountKey', { kind: 'azure', accountName: 'acct01', container: 'backups', accountKey: 'literal-key' }, '***'],
    ['d.kind', { kind: 'ftp', bucket: 'b' }, 'ftp'],
  ])('rejects %s', (field, destination, value) => {
    expectValidationError(() => backupLocation(stack, 'd', destination as never), field, value);
  });
});
