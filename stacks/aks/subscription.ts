import { IConstruct } from 'constructs';
import { ValidationError, checkPattern } from '../../lib/core/validation';
import { AksCloudConfig } from './config';

/** The environment variable the azurerm provider (and backend) read the subscription from. */
export const SUBSCRIPTION_ENV = 'ARM_SUBSCRIPTION_ID';

const GUID = /^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$/;

/**
 * The subscription the azurerm provider deploys into. azurerm 4.x requires one, from the provider block or from
 * `ARM_SUBSCRIPTION_ID`; it no longer falls back to the Azure CLI's default subscription (its 4.0 upgrade guide,
 * "Specifying Subscription ID is now mandatory"). Without either, `terraform plan` would fail minutes into a deploy;
 * this check fails the synth instead, naming both ways to give it.
 *
 * Returns the id to write into the provider block, or undefined when it comes from the environment (Terraform then
 * reads the variable itself, so the synthesized files do not depend on the shell they were written in).
 */
export function subscriptionIdFor(scope: IConstruct, config: AksCloudConfig, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const configured = config.azure.subscriptionId;
  if (configured !== undefined) {
    return checkPattern(scope, 'azure.subscriptionId', configured, GUID, 'a subscription GUID (az account show --query id -o tsv)');
  }
  const fromEnv = env[SUBSCRIPTION_ENV];
  if (fromEnv === undefined || fromEnv === '') {
    throw new ValidationError(
      scope,
      'azure.subscriptionId',
      undefined,
      `a subscription GUID: set azure.subscriptionId in the config or export ${SUBSCRIPTION_ENV} (azurerm 4 no longer uses the Azure CLI's default subscription)`,
    );
  }
  checkPattern(scope, SUBSCRIPTION_ENV, fromEnv, GUID, 'a subscription GUID (az account show --query id -o tsv)');
  return undefined;
}
