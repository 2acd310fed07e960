import { PACKAGE_NAME, requirePeerDependencies } from '../core/peer-dependencies';

// Loaded first by every file of this folder that imports provider bindings (and by the barrel through them): when an
// optional peer dependency below is not installed, loading any of them fails with an error that names the package
// and how to install it.
requirePeerDependencies(`${PACKAGE_NAME}/azure`, ['@cdktf/provider-azurerm']);
