import { z } from 'zod';
import { spaceliftEksConfigSection } from '../apps/spacelift';
import { eksConfigSchema } from './config';

/** The zod schema of a `spacelift-eks` config (docs/eks.md, config reference): the EKS fields and `spacelift`. */
export const spaceliftEksConfigSchema = eksConfigSchema('spacelift-eks', 'spacelift', spaceliftEksConfigSection);

/** Config of the `spacelift-eks` stack pair (see docs/eks.md for every field). */
export type SpaceliftEksConfig = z.infer<typeof spaceliftEksConfigSchema>;
