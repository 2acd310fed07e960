/**
 * The infrastructure contracts the Taskcluster profile consumes besides PostgreSQL.
 *
 * These declarations mirror `lib/core/message-broker.ts` (MessageBroker, BrokerUser) and `lib/core/s3-api.ts`
 * (S3ApiStore), which other branches add; they live here until those files are merged, and then this file re-exports
 * them (only the import changes). Keep the shapes identical.
 */

/** A RabbitMQ (AMQP 0-9-1) broker reachable from the cluster. */
export interface MessageBroker {
  /** Host name clients dial. */
  readonly hostname: string;
  /** AMQP port: 5671 with TLS (amqps), 5672 without. */
  readonly port: number;
  /** The virtual host the app's exchanges and queues live in. */
  readonly vhost: string;
  /** Clients use TLS (amqps). */
  readonly tls: boolean;
}

/** One broker user: name and password (a sensitive token). */
export interface BrokerUser {
  /** User name. */
  readonly username: string;
  /** Password: a sensitive token. */
  readonly password: string;
}

/** An object store reached over the S3 API with a static key. */
export interface S3ApiStore {
  /** Endpoint URL, e.g. `https://storage.googleapis.com`; undefined = AWS's regional endpoint. */
  readonly endpoint?: string;
  /** Region the requests are signed for. */
  readonly region: string;
  /** Path-style URLs (`<endpoint>/<bucket>/<key>`) instead of virtual-hosted ones. */
  readonly forcePathStyle: boolean;
  /** Bucket names by purpose. */
  readonly buckets: { readonly [purpose: string]: string };
  /** Access key id of the static key. */
  readonly accessKeyId: string;
  /** Sensitive token. */
  readonly secretAccessKey: string;
  /** The store answers no PutBucketCors (s3proxy): the app must not configure CORS itself. */
  readonly skipCorsConfiguration: boolean;
}
