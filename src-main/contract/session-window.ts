import { z } from 'zod';
import { AppCategoryId } from './apps';
import { BlocklistCategoryId } from './blocking';

/**
 * What a session takes from a schedule window (issue 22), apart from the schedule itself so that both the session
 * and the schedule contracts can name it: what it blocks, and which window it belongs to.
 */

export const ScheduleRuleId = z.string().regex(/^[a-z0-9-]{1,64}$/);
export type ScheduleRuleId = z.infer<typeof ScheduleRuleId>;

/** At most this many rules in a schedule (and so in one merged window). */
export const MAX_SCHEDULE_RULES = 20;

/**
 * What a session blocks, in the terms Settings already uses: built-in site lists, the user's own sites, app
 * categories and the user's own apps. Apps are closed only when the apps feature is on in Settings; the allowed
 * exceptions and browser policies are Settings' as well.
 */
export const SessionBlocks = z
  .object({
    sites: z.array(BlocklistCategoryId).max(BlocklistCategoryId.options.length),
    ownSites: z.boolean(),
    apps: z.array(AppCategoryId).max(AppCategoryId.options.length),
    ownApps: z.boolean(),
    /**
     * "Only these sites": browsers open only the allowlist in Settings (the lists above still apply). Absent (a rule
     * entered, or a session recorded, before allowlist sessions): off.
     */
    allowOnly: z.boolean().default(false),
  })
  .strict();
export type SessionBlocks = z.infer<typeof SessionBlocks>;

/** The schedule window a session runs for: its instants and the rules it came from (shown as "Scheduled: …"). */
export const SessionWindow = z
  .object({
    start: z.number().int().nonnegative(),
    end: z.number().int().nonnegative(),
    ruleIds: z.array(ScheduleRuleId).min(1).max(MAX_SCHEDULE_RULES),
  })
  .strict();
export type SessionWindow = z.infer<typeof SessionWindow>;
