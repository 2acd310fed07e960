import './provider-package';
import type { DnsRecordSet } from '@cdktf/provider-google/lib/dns-record-set';
import { Construct } from 'constructs';
import { GCP_NAMES, checkName } from '../core/naming';
import { ValidationError, checkDomain, checkInt, checkPattern, isUnresolved } from '../core/validation';
import { lazyModule } from '../core/lazy-module';

// Only a config with a DNS zone creates the record: load its binding then.
const dnsRecordSet = lazyModule(() => require('@cdktf/provider-google/lib/dns-record-set') as typeof import('@cdktf/provider-google/lib/dns-record-set'));

/** Properties of {@link GcpDnsRecord}. */
export interface GcpDnsRecordProps {
  /** Name of the Cloud DNS managed zone that already exists (the resource name, e.g. `example-com`). */
  readonly managedZone: string;
  /** Project of the zone, when it lives elsewhere (a shared DNS project). @default the provider's project */
  readonly project?: string;
  /** DNS name of the zone, e.g. `example.com`, to check at synth that `fqdn` lies inside it. @default not checked */
  readonly zoneDnsName?: string;
  /** Full name to point at the address, e.g. `spacelift.example.com`. */
  readonly fqdn: string;
  /** The IPv4 address. */
  readonly ipAddress: string;
  /** TTL in seconds. @default 300 */
  readonly ttl?: number;
}

/** An A record in an existing Cloud DNS managed zone. */
export class GcpDnsRecord extends Construct {
  /** The `google_dns_record_set` resource. */
  public readonly record: DnsRecordSet;

  public constructor(scope: Construct, id: string, props: GcpDnsRecordProps) {
    super(scope, id);
    checkName(this, 'managedZone', props.managedZone, GCP_NAMES.generic);
    if (props.project !== undefined) checkName(this, 'project', props.project, GCP_NAMES.project);
    checkDomain(this, 'fqdn', props.fqdn);
    const ttl = checkInt(this, 'ttl', props.ttl ?? 300, 30, 86400);
    if (props.zoneDnsName !== undefined) {
      const zone = checkPattern(this, 'zoneDnsName', props.zoneDnsName.replace(/\.$/, ''), /^[a-z0-9-]+(\.[a-z0-9-]+)+$/, 'a DNS name such as "example.com"');
      if (!isUnresolved(props.fqdn) && !isUnresolved(zone) && props.fqdn !== zone && !props.fqdn.endsWith(`.${zone}`)) {
        throw new ValidationError(this, 'fqdn', props.fqdn, `a name inside the zone ${zone}`);
      }
    }
    this.record = new (dnsRecordSet().DnsRecordSet)(this, 'record', {
      project: props.project,
      managedZone: props.managedZone,
      name: `${props.fqdn}.`,
      type: 'A',
      ttl,
      rrdatas: [props.ipAddress],
    });
  }
}
