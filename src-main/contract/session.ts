import { z } from 'zod';

export const CommitmentMode = z.enum(['flexible', 'committed', 'locked']);
export type CommitmentMode = z.infer<typeof CommitmentMode>;

export const SessionPrefs = z
  .object({
    defaultMinutes: z.number().int().min(5).max(240).default(90),
    defaultMode: CommitmentMode.default('committed'),
  })
  .strict();

export const sessionContract = {};
