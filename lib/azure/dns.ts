import './provider-package';
import type { DnsARecord } from '@cdktf/provider-azurerm/lib/dns-a-record';
import { Construct } from 'constructs';
import { ValidationError, checkDomain, checkInt, isUnresolved } from '../core/validation';
import { lazyModule } from '../core/lazy-module';

// Only a config with a DNS zone creates the record: load its binding then.
const dnsARecord = lazyModule(() => require('@cdktf/provider-azurerm/lib/dns-a-record') as typeof import('@cdktf/provider-azurerm/lib/dns-a-record'));

/** Properties of {@link AzureDnsRecord}. */
export interface AzureDnsRecordProps {
  /** Azure DNS zone that already exists, e.g. `example.com`. */
  readonly zoneName: string;
  /** Resource group of the zone. */
  readonly zoneResourceGroupName: string;
  /** Full name to point at the address, inside the zone, e.g. `spacelift.example.com`. */
  readonly fqdn: string;
  /** Resource id of the public IP: an alias record follows the address if it ever changes. */
  readonly targetResourceId: string;
  /** TTL in seconds. @default 300 */
  readonly ttl?: number;
}

/** An A record (alias to the static public IP) in an existing Azure DNS zone. */
export class AzureDnsRecord extends Construct {
  /** The `azurerm_dns_a_record` resource. */
  public readonly record: DnsARecord;

  public constructor(scope: Construct, id: string, props: AzureDnsRecordProps) {
    super(scope, id);
    checkDomain(this, 'zoneName', props.zoneName);
    checkDomain(this, 'fqdn', props.fqdn);
    const ttl = checkInt(this, 'ttl', props.ttl ?? 300, 30, 86400);
    let name = '@';
    if (!isUnresolved(props.fqdn) && !isUnresolved(props.zoneName)) {
      if (props.fqdn === props.zoneName) name = '@';
      else if (props.fqdn.endsWith(`.${props.zoneName}`)) name = props.fqdn.slice(0, -props.zoneName.length - 1);
      else throw new ValidationError(this, 'fqdn', props.fqdn, `a name inside the zone ${props.zoneName}`);
    }
    this.record = new (dnsARecord().DnsARecord)(this, 'record', {
      name,
      zoneName: props.zoneName,
      resourceGroupName: props.zoneResourceGroupName,
      ttl,
      targetResourceId: props.targetResourceId,
    });
  }
}
