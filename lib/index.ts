/**
 * Public API. Each layer is also importable on its own (`lib/core`, `lib/azure`, `lib/gcp`, `lib/aws`, `lib/kubernetes`,
 * `lib/apps`, `lib/policy`), and
 * every provider class is imported by deep path, so importing this library never loads a provider package root.
 */
export * as core from './core';
export * as azure from './azure';
export * as gcp from './gcp';
export * as aws from './aws';
export * as kubernetes from './kubernetes';
export * as apps from './apps';
export * as policy from './policy';
