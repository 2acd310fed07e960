/**
 * The Azure constructs: resource group, network, AKS, PostgreSQL flexible server, Blob storage, container registry,
 * workload identity, static IP and DNS record.
 *
 * Providers: every construct needs an `AzurermProvider` (package `@cdktf/provider-azurerm`, an optional peer dependency)
 * in its stack. Storage accounts have shared keys off, so configure it as the shipped stacks do:
 * `features: [{ storage: [{ dataPlaneAvailable: false }] }]` and `storageUseAzuread: true`. `AzurePostgres` generates its
 * password with the random provider and adds a `RandomProvider` to its stack itself when the stack declares none.
 *
 * @packageDocumentation
 */
import './provider-package';

export * from './cluster';
export * from './dns';
export * from './identity';
export * from './network';
export * from './postgres';
export * from './regions';
export * from './registry';
export * from './resource-group';
export * from './secret-escrow';
export * from './static-ip';
export * from './storage';
export * from './versions';
