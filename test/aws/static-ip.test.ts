import { NLB_CROSS_ZONE_ANNOTATION, NLB_EIP_ANNOTATION, NLB_TYPE_ANNOTATION, AwsNlbAddresses } from '../../lib/aws/static-ip';
import { resources, synth } from '../support/synth';
import { awsStack, expressionOf, networkRef } from './fixtures';

describe('AwsNlbAddresses', () => {
  test('one Elastic IP per public subnet, and the annotations that put an NLB on exactly those', () => {
    const stack = awsStack();
    const entry = new AwsNlbAddresses(stack, 'ingress', { name: 'sl', network: networkRef() });
    const eips = Object.values(resources(synth(stack), 'aws_eip')) as any[];
    expect(eips).toHaveLength(3);
    expect(eips.every((e) => e.domain === 'vpc')).toBe(true);
    expect(entry.ipAddresses).toHaveLength(3);
    expect(entry.ipAddress).toBe(entry.ipAddresses[0]);
    expect(entry.serviceAnnotations[NLB_TYPE_ANNOTATION]).toBe('nlb');
    const allocations = expressionOf(stack, entry.serviceAnnotations[NLB_EIP_ANNOTATION]);
    expect(allocations).toMatch(/^\$\{join\(",", \[aws_eip\.[^.]+\.allocation_id, aws_eip\.[^.]+\.allocation_id, aws_eip\.[^.]+\.allocation_id\]\)\}$/);
    expect((entry as { loadBalancerIp?: string }).loadBalancerIp).toBeUndefined();
  });

  test('cross-zone load balancing is on, so every published address reaches a ready replica in any zone', () => {
    const entry = new AwsNlbAddresses(awsStack(), 'ingress', { name: 'sl', network: networkRef() });
    // The exact key the in-tree service controller reads (cloud-provider-aws ServiceAnnotationLoadBalancerCrossZoneLoadBalancingEnabled).
    expect(NLB_CROSS_ZONE_ANNOTATION).toBe('service.beta.kubernetes.io/aws-load-balancer-cross-zone-load-balancing-enabled');
    expect(entry.serviceAnnotations[NLB_CROSS_ZONE_ANNOTATION]).toBe('true');
    expect(Object.keys(entry.serviceAnnotations).sort()).toEqual([NLB_CROSS_ZONE_ANNOTATION, NLB_EIP_ANNOTATION, NLB_TYPE_ANNOTATION].sort());
  });

  test('two zones, two addresses (the controller needs one per discovered subnet)', () => {
    const stack = awsStack();
    new AwsNlbAddresses(stack, 'ingress', { name: 'sl', network: networkRef(2) });
    expect(Object.keys(resources(synth(stack), 'aws_eip'))).toHaveLength(2);
  });

  test('the load balancer waits for the public routes of the network', () => {
    const stack = awsStack();
    const net = { ...networkRef(), publicDependables: [stack] as any[] };
    const entry = new AwsNlbAddresses(stack, 'ingress', { name: 'sl', network: net });
    expect(entry.dependables).toBe(net.publicDependables);
  });
});
