/**
 * An in-cluster, highly available RabbitMQ (a StatefulSet on the official image, quorum queues by default) whose
 * vhost, users and permissions are imported as definitions by a Job: {@link RabbitMqCluster}. Needs the kubernetes
 * and random providers; docs/rabbitmq.md says why this design.
 *
 * @packageDocumentation
 */
export * from './api-users';
export * from './cluster';
export * from './definitions';
