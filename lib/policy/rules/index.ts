/**
 * The rules of the policy pack, per cloud and for Kubernetes (docs/security.md lists each with its fix).
 *
 * @packageDocumentation
 */
import { PolicyRule } from '../types';
import { AWS_RULES } from './aws';
import { AZURE_RULES } from './azure';
import { GCP_RULES } from './gcp';
import { KUBERNETES_RULES } from './kubernetes';

export * from './aws';
export * from './azure';
export * from './gcp';
export * from './kubernetes';

/** Every rule of the policy pack, by cloud: Azure, Google Cloud, AWS, then Kubernetes and Helm. */
export const POLICY_RULES: readonly PolicyRule[] = [...AZURE_RULES, ...GCP_RULES, ...AWS_RULES, ...KUBERNETES_RULES];
