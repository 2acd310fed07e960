export * from './aspect';
export * from './docs';
export * from './engine';
export * from './rules';
export * from './suppression';
export * from './types';
export * from './values';
