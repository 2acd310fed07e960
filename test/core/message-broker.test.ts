import { TerraformOutput, TerraformStack, TerraformVariable } from 'cdktf';
import { amqpUrl } from '../../lib/core/message-broker';
import { describeWithTerraform } from '../support/requirements';
import { renderOutputs } from '../support/render';
import { synth, terraformBinary, testApp } from '../support/synth';

describeWithTerraform()('amqpUrl rendered by terraform', () => {
  test('user, password and virtual host are percent-encoded; the scheme follows tls', () => {
    const stack = new TerraformStack(testApp(), 'amqp');
    const password = new TerraformVariable(stack, 'pw', { type: 'string', sensitive: true }).stringValue;
    const user = { username: 'svc user', password };
    new TerraformOutput(stack, 'plain', { value: amqpUrl({ hostname: 'rabbitmq.pulse.svc', port: 5672, vhost: 'a/b', tls: false }, user), sensitive: true });
    new TerraformOutput(stack, 'tls', { value: amqpUrl({ hostname: 'b-1.mq.amazonaws.com', port: 5671, vhost: 'taskcluster', tls: true }, user), sensitive: true });
    const r = renderOutputs(terraformBinary()!, { json: synth(stack), outputs: ['plain', 'tls'], variables: { pw: 'p@ss/w:rd+ %' }, sample: () => 'unused' });
    expect(r.raw.plain).toBe('amqp://svc%20user:p%40ss%2Fw%3Ard%2B%20%25@rabbitmq.pulse.svc:5672/a%2Fb');
    expect(r.raw.tls).toBe('amqps://svc%20user:p%40ss%2Fw%3Ard%2B%20%25@b-1.mq.amazonaws.com:5671/taskcluster');
    // What a URL parser reads back.
    const url = new URL(r.raw.plain!);
    expect([decodeURIComponent(url.username), decodeURIComponent(url.password), decodeURIComponent(url.pathname.slice(1))]).toEqual(['svc user', 'p@ss/w:rd+ %', 'a/b']);
  });
});
