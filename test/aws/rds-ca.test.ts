import { RdsCaBundle } from '../../lib/aws/rds-ca';
import { synth } from '../support/synth';
import { expectValidationError } from '../support/validation-matchers';
import { awsStack, expressionOf } from './fixtures';

describe('RdsCaBundle', () => {
  test('reads the regional bundle from AWS trust store at plan time; the PEM is a Terraform value', () => {
    const stack = awsStack();
    const ca = new RdsCaBundle(stack, 'ca', { region: 'eu-west-1' });
    const [data] = Object.values(synth(stack).data!.http!) as any[];
    expect(data).toMatchObject({ url: 'https://truststore.pki.rds.amazonaws.com/eu-west-1/eu-west-1-bundle.pem', request_timeout_ms: 30000, retry: { attempts: 3 } });
    expect(ca.url).toBe(data.url);
    expect(expressionOf(stack, ca.pem)).toMatch(/^\$\{data\.http\.ca[^.]*\.response_body\}$/);
  });

  test('the plan fails unless AWS answers 200 with a PEM certificate', () => {
    const stack = awsStack();
    new RdsCaBundle(stack, 'ca');
    const [data] = Object.values(synth(stack).data!.http!) as any[];
    expect(data.url).toBe('https://truststore.pki.rds.amazonaws.com/global/global-bundle.pem');
    expect(data.lifecycle.postcondition.map((p: any) => p.condition)).toEqual(['${self.status_code == 200}', '${strcontains(self.response_body, "-----BEGIN CERTIFICATE-----")}']);
    expect(data.lifecycle.postcondition[0].error_message).toContain(data.url);
  });

  test('throws on a region that is not one', () => {
    expectValidationError(() => new RdsCaBundle(awsStack(), 'ca', { region: 'eu-west-7' }), 'region', 'eu-west-7');
  });
});
