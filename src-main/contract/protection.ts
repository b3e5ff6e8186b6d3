import { z } from 'zod';

/** The protections a session turns on. Notification muting ("notifications") arrives with its own issue. */
export const ProtectionId = z.enum(['blocking', 'notifications']);
export type ProtectionId = z.infer<typeof ProtectionId>;

/**
 * What the UI may claim about a protection: only what was verified. `unavailable` carries a code the renderer
 * translates into "what is wrong" and "what to do"; `failed` carries the error as it happened.
 */
export const ProtectionStatus = z.discriminatedUnion('state', [
  /** Set by the session's protection transaction while a protection is being turned on; never returned by one. */
  z.object({ id: ProtectionId, state: z.literal('pending') }),
  z.object({ id: ProtectionId, state: z.literal('active'), detail: z.string().max(500).optional() }),
  z.object({
    id: ProtectionId,
    state: z.literal('unavailable'),
    reason: z.string().max(100),
    params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
  }),
  z.object({ id: ProtectionId, state: z.literal('failed'), error: z.string().max(2000) }),
]);
export type ProtectionStatus = z.infer<typeof ProtectionStatus>;
/** What a protection itself reports: only what it verified. */
export type VerifiedProtectionStatus = Exclude<ProtectionStatus, { state: 'pending' }>;
