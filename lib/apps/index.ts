export * from './profile';
export * as spacelift from './spacelift';
