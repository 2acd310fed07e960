import { DocumentObject, SecretDocument } from '../core/document';
import { BucketSpec } from '../core/object-store';
import { HelmChartRef } from '../kubernetes/app-release';

/** What an app needs from the infrastructure, declared by its profile and provisioned by a cloud stack. */
export interface AppRequirements {
  /** Buckets by purpose, with retention. */
  readonly buckets: readonly BucketSpec[];
  /** PostgreSQL the app supports. */
  readonly postgres: {
    /** Major versions the app supports (the cloud's own list is checked too). */
    readonly supportedMajorVersions: readonly number[];
    /** Name of the app's database. */
    readonly databaseName: string;
  };
  /** Kubernetes service accounts that need cloud access, and to what. */
  readonly serviceAccounts: readonly { readonly name: string; readonly access: 'object-store' }[];
}

/** What an app profile hands to the stacks once the infrastructure contracts exist. */
export interface RenderedApp {
  /** Helm release name. */
  readonly releaseName: string;
  /** The app's chart: repository, name and pinned version. */
  readonly chart: HelmChartRef;
  /** Secrets the release reads, one document each. */
  readonly secrets: readonly SecretDocument[];
  /** The release's values. */
  readonly values: DocumentObject;
  /** Variables for the `shell` output that people who install by hand need. */
  readonly shell: { readonly [name: string]: string };
}
