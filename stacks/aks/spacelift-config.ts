import { z } from 'zod';
import { spaceliftConfigSchema } from '../apps/spacelift';
import { aksConfigSchema } from './config';

/** The zod schema of a `spacelift-aks` config (docs/aks.md, config reference): the AKS fields and `spacelift`. */
export const spaceliftAksConfigSchema = aksConfigSchema('spacelift-aks', 'spacelift', spaceliftConfigSchema);

/** Config of the `spacelift-aks` stack pair (see docs/aks.md for every field). */
export type SpaceliftAksConfig = z.infer<typeof spaceliftAksConfigSchema>;
