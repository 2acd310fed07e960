export * from './app-release';
export * from './cert-manager';
export * from './ingress';
export * from './namespace';
export * from './providers';
export * from './release';
export * from './secrets';
export * from './values';
