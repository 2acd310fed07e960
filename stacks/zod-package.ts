import { PACKAGE_NAME, requirePeerDependencies } from '../lib/core/peer-dependencies';

// Loaded first by each stack pair's entry point: the config schemas are zod schemas, and zod is an optional peer
// dependency of the package (a project that uses only the constructs does not need it).
requirePeerDependencies(`${PACKAGE_NAME}/stacks`, ['zod']);
