/**
 * Public API. Each layer is also importable on its own (`lib/core`, `lib/azure`, `lib/kubernetes`, `lib/apps`), and
 * every provider class is imported by deep path, so importing this library never loads a provider package root.
 */
export * as core from './core';
export * as azure from './azure';
export * as kubernetes from './kubernetes';
export * as apps from './apps';
