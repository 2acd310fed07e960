import { z } from 'zod';
import { spaceliftConfigSchema } from '../apps/spacelift';
import { gkeConfigSchema } from './config';

/** The zod schema of a `spacelift-gke` config (docs/gke.md, config reference): the GKE fields and `spacelift`. */
export const spaceliftGkeConfigSchema = gkeConfigSchema('spacelift-gke', 'spacelift', spaceliftConfigSchema);

/** Config of the `spacelift-gke` stack pair (see docs/gke.md for every field). */
export type SpaceliftGkeConfig = z.infer<typeof spaceliftGkeConfigSchema>;
