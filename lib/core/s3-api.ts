/**
 * An object store reached over the S3 API with a static key: what apps that speak nothing but S3 with an access key
 * pair need (Taskcluster's object service and its queue's artifact buckets). Each cloud builds one: an IAM user's
 * access key on AWS, a service account's HMAC key on Google Cloud, an in-cluster S3 gateway in front of Blob Storage
 * on Azure. The key is long-lived: see docs/s3-api-storage.md for how to rotate it.
 */
export interface S3ApiStore {
  /** Endpoint URL, e.g. `https://storage.googleapis.com`; undefined = AWS's regional endpoint. */
  readonly endpoint?: string;
  /** Region the client signs requests for (SigV4 credential scope). */
  readonly region: string;
  /** Path-style requests (`https://<endpoint>/<bucket>/<key>`) instead of a bucket host name. */
  readonly forcePathStyle: boolean;
  /** Bucket names by purpose. */
  readonly buckets: { readonly [purpose: string]: string };
  /** Access key id (not secret on its own, but only with the secret does it sign requests). */
  readonly accessKeyId: string;
  /** Sensitive token. */
  readonly secretAccessKey: string;
  /** The store answers no PutBucketCors (s3proxy): the app must not configure CORS itself. */
  readonly skipCorsConfiguration: boolean;
}
