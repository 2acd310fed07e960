import './provider-package';
import type { Route53Record } from '@cdktf/provider-aws/lib/route53-record';
import { Construct } from 'constructs';
import { ValidationError, checkDomain, checkInt, checkList, checkPattern, isUnresolved } from '../core/validation';
import { lazyModule } from '../core/lazy-module';

// Only a config with a DNS zone creates the record (and looks the zone up): load their bindings then.
const route53Record = lazyModule(() => require('@cdktf/provider-aws/lib/route53-record') as typeof import('@cdktf/provider-aws/lib/route53-record'));
const dataAwsRoute53Zone = lazyModule(() => require('@cdktf/provider-aws/lib/data-aws-route53-zone') as typeof import('@cdktf/provider-aws/lib/data-aws-route53-zone'));

/** Properties of {@link AwsDnsRecord}. */
export interface AwsDnsRecordProps {
  /** Public Route 53 hosted zone that already exists, e.g. `example.com`. */
  readonly zoneName: string;
  /** Its id (`Z...`); looked up by name when left out. @default looked up */
  readonly zoneId?: string;
  /** Full name to point at the addresses, inside the zone, e.g. `spacelift.example.com`. */
  readonly fqdn: string;
  /** IPv4 addresses of the A record (an NLB has one per zone). */
  readonly addresses: readonly string[];
  /** TTL in seconds. @default 300 */
  readonly ttl?: number;
}

/** An A record in an existing public Route 53 zone, pointing at the ingress load balancer's static addresses. */
export class AwsDnsRecord extends Construct {
  /** The `aws_route53_record` resource. */
  public readonly record: Route53Record;

  public constructor(scope: Construct, id: string, props: AwsDnsRecordProps) {
    super(scope, id);
    checkDomain(this, 'zoneName', props.zoneName);
    checkDomain(this, 'fqdn', props.fqdn);
    if (props.zoneId !== undefined) checkPattern(this, 'zoneId', props.zoneId, /^Z[A-Z0-9]{1,31}$/, 'a Route 53 hosted zone id such as "Z0123456789ABCDEFGHIJ"');
    const ttl = checkInt(this, 'ttl', props.ttl ?? 300, 30, 86400);
    checkList(this, 'addresses', props.addresses, () => undefined, { minItems: 1 });
    if (!isUnresolved(props.fqdn) && !isUnresolved(props.zoneName) && props.fqdn !== props.zoneName && !props.fqdn.endsWith(`.${props.zoneName}`)) {
      throw new ValidationError(this, 'fqdn', props.fqdn, `a name inside the zone ${props.zoneName}`);
    }
    const zoneId = props.zoneId ?? new (dataAwsRoute53Zone().DataAwsRoute53Zone)(this, 'zone', { name: props.zoneName, privateZone: false }).zoneId;
    this.record = new (route53Record().Route53Record)(this, 'record', {
      zoneId,
      name: props.fqdn,
      type: 'A',
      ttl,
      records: [...props.addresses],
    });
  }
}
