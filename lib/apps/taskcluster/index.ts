/**
 * Taskcluster's building blocks: its services and their names in each place (`services`), the chart's facts
 * (`chart`), buckets, the database bootstrap spec and URLs, the migrations Job, the generated secrets and the app
 * profile that turns the contracts into the chart's Secrets and values.
 *
 * @packageDocumentation
 */
export * from './buckets';
export * from './chart';
export * from './database';
export * from './db-url';
export * from './migrations';
export * from './profile';
export * from './secrets';
export * from './services';
export * from './version';
export * from './app';
export * from './ingress';
