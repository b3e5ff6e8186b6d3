import { z } from 'zod';
import { AppsActive, AppsUnavailable } from './apps';
import { BlockingActive, BlockingUnavailable } from './blocking';
import { NotificationsActive, NotificationsUnavailable } from './notifications';

/** The protections a session turns on; each has its own typed detail and reasons below. */
export const ProtectionId = z.enum(['blocking', 'notifications', 'apps']);
export type ProtectionId = z.infer<typeof ProtectionId>;

/**
 * What the UI may claim about one protection: only what was verified. `active` carries what was verified
 * (`detail`), `unavailable` a typed reason with its details the renderer translates into "what is wrong" and
 * "what to do"; `failed` carries the error as it happened. Nothing here is a string to be parsed back.
 */
function statusOf<const Id extends ProtectionId, Active extends z.ZodType, Unavailable extends z.ZodType>(
  id: Id,
  active: Active,
  unavailable: Unavailable,
) {
  return z.discriminatedUnion('state', [
    /** Set by the session's protection transaction while a protection is being turned on; never returned by one. */
    z.object({ id: z.literal(id), state: z.literal('pending') }).strict(),
    z.object({ id: z.literal(id), state: z.literal('active'), detail: active }).strict(),
    z.object({ id: z.literal(id), state: z.literal('unavailable'), unavailable }).strict(),
    z.object({ id: z.literal(id), state: z.literal('failed'), error: z.string().max(2000) }).strict(),
  ]);
}

export const BlockingStatus = statusOf('blocking', BlockingActive, BlockingUnavailable);
export type BlockingStatus = z.infer<typeof BlockingStatus>;
export const NotificationsStatus = statusOf('notifications', NotificationsActive, NotificationsUnavailable);
export type NotificationsStatus = z.infer<typeof NotificationsStatus>;

export const AppsStatus = statusOf('apps', AppsActive, AppsUnavailable);
export type AppsStatus = z.infer<typeof AppsStatus>;

export const ProtectionStatus = z.union([BlockingStatus, NotificationsStatus, AppsStatus]);
export type ProtectionStatus = z.infer<typeof ProtectionStatus>;
/** What a protection itself reports: only what it verified. */
export type VerifiedProtectionStatus = Exclude<ProtectionStatus, { state: 'pending' }>;
