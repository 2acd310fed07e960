import { GcpNetwork, GcpNetworkProps, SERVICE_NETWORKING_AGENT_ROLE } from '../../lib/gcp/network';
import { only, synth } from '../support/synth';
import { expectValidationError, validationErrorOf } from '../support/validation-matchers';
import { PROJECT, REGION, expressions, googleStack } from './fixtures';

function make(over: Partial<GcpNetworkProps> = {}) {
  const stack = googleStack();
  const network = new GcpNetwork(stack, 'net', { project: PROJECT, region: REGION, name: 'sl', ...over });
  return { stack, network };
}

const ref = (type: string, attr: string) => new RegExp(`^\\$\\{${type}\\.[^.]+\\.${attr}\\}$`);

describe('GcpNetwork', () => {
  test('a custom-mode regional VPC', () => {
    const net = only(synth(make().stack), 'google_compute_network');
    expect(net).toEqual({ project: PROJECT, name: 'sl-vpc', auto_create_subnetworks: false, routing_mode: 'REGIONAL' });
  });

  test('node subnetwork with secondary ranges for pods and Services, Private Google Access and flow logs', () => {
    const { stack, network } = make();
    const sub = only(synth(stack), 'google_compute_subnetwork');
    expect(sub).toMatchObject({
      name: 'sl-nodes',
      region: REGION,
      ip_cidr_range: '10.40.0.0/20',
      stack_type: 'IPV4_ONLY',
      private_ip_google_access: true,
      secondary_ip_range: [
        { range_name: 'sl-pods', ip_cidr_range: '10.44.0.0/14' },
        { range_name: 'sl-services', ip_cidr_range: '10.48.0.0/20' },
      ],
      log_config: { aggregation_interval: 'INTERVAL_10_MIN', flow_sampling: 0.5, metadata: 'INCLUDE_ALL_METADATA' },
    });
    expect(sub.network).toMatch(ref('google_compute_network', 'id'));
    expect(network).toMatchObject({ podsRangeName: 'sl-pods', servicesRangeName: 'sl-services', region: REGION, subnetCidr: '10.40.0.0/20' });
  });

  test('flow logs can be turned off', () => {
    expect(only(synth(make({ flowLogs: false }).stack), 'google_compute_subnetwork').log_config).toBeUndefined();
  });

  test('Cloud Router and Cloud NAT for the node subnetwork only, outbound, with error logging', () => {
    const json = synth(make().stack);
    const router = only(json, 'google_compute_router');
    expect(router).toMatchObject({ name: 'sl-router', region: REGION });
    const nat = only(json, 'google_compute_router_nat');
    expect(nat).toMatchObject({
      name: 'sl-nat',
      region: REGION,
      nat_ip_allocate_option: 'AUTO_ONLY',
      source_subnetwork_ip_ranges_to_nat: 'LIST_OF_SUBNETWORKS',
      log_config: { enable: true, filter: 'ERRORS_ONLY' },
    });
    expect(nat.router).toMatch(ref('google_compute_router', 'name'));
    expect(nat.subnetwork).toEqual([{ name: expect.stringMatching(ref('google_compute_subnetwork', 'self_link')), source_ip_ranges_to_nat: ['ALL_IP_RANGES'] }]);
  });

  test('private service access: an internal VPC_PEERING range peered with service networking', () => {
    const { stack, network } = make({ privateServiceAccessCidr: '10.70.0.0/20', labels: { team: 'platform' } });
    const json = synth(stack);
    const range = only(json, 'google_compute_global_address');
    expect(range).toMatchObject({
      name: 'sl-private-services',
      purpose: 'VPC_PEERING',
      address_type: 'INTERNAL',
      address: '10.70.0.0',
      prefix_length: 20,
      labels: { team: 'platform' },
    });
    const conn = only(json, 'google_service_networking_connection');
    expect(conn).toMatchObject({ service: 'servicenetworking.googleapis.com', deletion_policy: 'ABANDON' });
    expect(conn.reserved_peering_ranges).toEqual([expect.stringMatching(ref('google_compute_global_address', 'name'))]);
    expect(network.privateServiceAccess).toEqual([network.privateServiceConnection]);
    const e = expressions(stack, { id: network.networkId, sub: network.subnetworkId });
    expect(e.id).toMatch(ref('google_compute_network', 'id'));
    expect(e.sub).toMatch(ref('google_compute_subnetwork', 'id'));
  });

  test('the Service Networking agent exists and holds its role before the peering (first apply on a fresh project)', () => {
    const stack = googleStack();
    const api = new GcpNetwork(stack, 'apis', { project: PROJECT, region: REGION, name: 'x1', serviceNetworkingAgent: false });
    new GcpNetwork(stack, 'net', { project: PROJECT, region: REGION, name: 'sl', dependsOn: [api.network] });
    const json = synth(stack);
    const identity = Object.values(json.resource!.google_project_service_identity!)[0] as any;
    expect(identity).toMatchObject({ project: PROJECT, service: 'servicenetworking.googleapis.com', provider: 'google-beta' });
    // The agent is created after the APIs (servicenetworking among them).
    expect(identity.depends_on).toEqual([expect.stringMatching(/^google_compute_network\.apis_network/)]);
    const [roleId, role] = Object.entries(json.resource!.google_project_iam_member!)[0]!;
    expect(role).toEqual({ project: PROJECT, role: SERVICE_NETWORKING_AGENT_ROLE, member: expect.stringMatching(/^serviceAccount:\$\{google_project_service_identity\.[^.]+\.email\}$/) });
    const conns = Object.values(json.resource!.google_service_networking_connection!) as any[];
    const peering = conns.find((c) => c.depends_on !== undefined)!;
    expect(peering.depends_on).toEqual([expect.stringMatching(/^google_project_service_identity\./), `google_project_iam_member.${roleId}`]);
    // Turned off: no agent, no grant, the peering as before.
    expect(conns.filter((c) => c.depends_on === undefined)).toHaveLength(1);
    expect(Object.keys(json.resource!.google_project_service_identity!)).toHaveLength(1);
  });

  test('the agent needs the project id', () => expectValidationError(() => new GcpNetwork(googleStack(), 'n', { region: REGION, name: 'sl' }), 'project', undefined));

  test('the network waits for the APIs it is given', () => {
    const stack = googleStack();
    const dep = new GcpNetwork(stack, 'other', { project: PROJECT, region: REGION, name: 'x1' });
    new GcpNetwork(stack, 'net', { project: PROJECT, region: REGION, name: 'sl', dependsOn: [dep.network] });
    const nets = Object.values(synth(stack).resource!.google_compute_network!) as any[];
    expect(nets.find((n) => n.name === 'sl-vpc').depends_on).toEqual([expect.stringMatching(/^google_compute_network\.other_network/)]);
  });

  test('rejects a zone as region', () => {
    const err = validationErrorOf(() => make({ region: 'europe-west1-c' }), 'region', 'europe-west1-c');
    expect(err.allowed).toContain('not a zone');
  });
  test('rejects a name that makes an invalid network name', () => expectValidationError(() => make({ name: 'SL' }), 'name', 'SL-vpc'));
  test('rejects a malformed subnet CIDR', () => expectValidationError(() => make({ subnetCidr: '10.40.0.0/33' }), 'subnetCidr', '10.40.0.0/33'));
  test('rejects host bits in the pods range', () => expectValidationError(() => make({ podsCidr: '10.44.0.1/14' }), 'podsCidr', '10.44.0.1/14'));
  test('rejects a Services range that is too small', () => expectValidationError(() => make({ servicesCidr: '10.48.0.0/29' }), 'servicesCidr', '10.48.0.0/29'));
  test('rejects a private service access range smaller than /24', () =>
    expectValidationError(() => make({ privateServiceAccessCidr: '10.60.0.0/25' }), 'privateServiceAccessCidr', '10.60.0.0/25'));
  test('rejects pods overlapping the subnet', () => {
    const err = validationErrorOf(() => make({ podsCidr: '10.40.0.0/14' }), 'podsCidr', '10.40.0.0/14');
    expect(err.allowed).toContain('does not overlap subnetCidr');
  });
  test('rejects Services overlapping the pods', () => expectValidationError(() => make({ servicesCidr: '10.45.0.0/20' }), 'servicesCidr', '10.45.0.0/20'));
  test('rejects private service access overlapping the Services range', () =>
    expectValidationError(() => make({ privateServiceAccessCidr: '10.48.0.0/16' }), 'privateServiceAccessCidr', '10.48.0.0/16'));
});
