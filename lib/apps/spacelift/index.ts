export * from './buckets';
export * from './profile';
