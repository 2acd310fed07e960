/**
 * The policy pack: a cdktf Aspect with rules for Azure, Google Cloud, AWS and Kubernetes keyed by Terraform resource
 * type, and suppressions with written reasons (docs/security.md). `enforcePolicies(stack)` holds a stack to it in one
 * line. It reads resources as they will be synthesized and loads no provider binding.
 *
 * @packageDocumentation
 */
export * from './aspect';
export * from './docs';
export * from './engine';
export * from './rules';
export * from './suppression';
export * from './types';
export * from './values';
