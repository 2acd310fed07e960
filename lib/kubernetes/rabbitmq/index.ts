export * from './cluster';
export * from './definitions';
