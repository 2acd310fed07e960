/**
 * Scheduled full backups of the estafette-ci chart's in-cluster CockroachDB (v22.2) to GCS, S3 or Azure Blob storage,
 * set up by an idempotent Job: {@link CockroachBackupSchedule}.
 *
 * @packageDocumentation
 */
export * from './backup-schedule';
export * from './destination';
export * from './job';
export * from './schedule';
