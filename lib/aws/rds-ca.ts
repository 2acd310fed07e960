import './provider-package';
import { DataHttp } from '@cdktf/provider-http/lib/data-http';
import { HttpProvider } from '@cdktf/provider-http/lib/provider';
import { Construct } from 'constructs';
import { isUnresolved } from '../core/validation';
import { checkAwsRegion } from './regions';
import { addProviderIfMissing } from '../core/stack-providers';

/**
 * The CA that signs the server certificate of every RDS instance and Aurora cluster instance of this library (pinned
 * with `ca_cert_identifier`): RSA 2048, a root of every regional bundle. Pinning it keeps the server certificate and
 * the bundle clients verify it with in step when AWS changes its default CA for new databases.
 */
export const RDS_CA_CERT_IDENTIFIER = 'rds-ca-rsa2048-g1';

/** Where AWS publishes the RDS CA bundles (over HTTPS, with a certificate from a public CA). */
export const RDS_TRUSTSTORE = 'https://truststore.pki.rds.amazonaws.com';

/** Properties of {@link RdsCaBundle}. */
export interface RdsCaBundleProps {
  /** Region of the database: its regional bundle holds the root CAs of that region only. @default the global bundle (every region) */
  readonly region?: string;
}

/**
 * The PEM bundle of the RDS certificate authorities, read by Terraform (the hashicorp/http provider) from AWS's trust
 * store when it plans and applies, so the bundle is a Terraform value and never a file in this repository that could
 * go stale. RDS CAs are in no operating system's trust store: a client that verifies the server (`verify-ca`,
 * `verify-full`) needs this bundle. The read fails the plan, naming the URL, unless AWS answers 200 with at least one
 * PEM certificate.
 */
export class RdsCaBundle extends Construct {
  /** The bundle, PEM (a token). */
  public readonly pem: string;
  /** The URL it is read from. */
  public readonly url: string;
  /** The `http` data source that reads the bundle when Terraform plans. */
  public readonly source: DataHttp;

  public constructor(scope: Construct, id: string, props: RdsCaBundleProps = {}) {
    super(scope, id);
    const region = props.region === undefined ? undefined : checkAwsRegion(this, 'region', props.region);
    // A region only known at apply time cannot go into the URL literally (nor into the error messages): global bundle.
    this.url = region === undefined || isUnresolved(region) ? `${RDS_TRUSTSTORE}/global/global-bundle.pem` : `${RDS_TRUSTSTORE}/${region}/${region}-bundle.pem`;
    // The http provider reads the bundle: added to the stack unless it declares one.
    addProviderIfMissing(this, 'http', (stack, id) => new HttpProvider(stack, id));
    this.source = new DataHttp(this, 'bundle', {
      url: this.url,
      requestTimeoutMs: 30000,
      retry: { attempts: 3, minDelayMs: 1000, maxDelayMs: 10000 },
      lifecycle: {
        postcondition: [
          { condition: '${self.status_code == 200}', errorMessage: `Reading the RDS CA bundle from ${this.url} did not return HTTP 200.` },
          { condition: '${strcontains(self.response_body, "-----BEGIN CERTIFICATE-----")}', errorMessage: `${this.url} returned no PEM certificate.` },
        ],
      },
    });
    this.pem = this.source.responseBody;
  }
}
