import { readFile, rename } from 'node:fs/promises';
import { z } from 'zod';
import { FocusSession } from '../../contract/session';
import type { ReflectionLog } from './reflection-log';
import { factsOfSession } from './session-facts';

/** The retired `session/history.json` (version 1, at most 500 ended sessions, newest last), from before thoughts were parked and schedules. */
const HistorySession = FocusSession.extend({
  parkedThoughts: FocusSession.shape.parkedThoughts.default([]),
  blocks: FocusSession.shape.blocks.default(null),
  window: FocusSession.shape.window.default(null),
}).strict();
const SessionHistoryFile = z.object({ version: z.literal(1), sessions: z.array(HistorySession) }).strict();

export type HistoryMigration =
  | { kind: 'none' }
  | { kind: 'migrated'; sessions: number; movedTo: string }
  | { kind: 'unreadable'; reason: string };

/**
 * Moves the old session history into the reflection log, once: every ended session becomes a reflection file,
 * then the history is renamed aside (`history.json.migrated`), never deleted. The old app had no reflection form,
 * so none has answers: each is `skipped` (it can be written from the log); the session still waiting at its end
 * screen was already recorded `pending` by the session service, and a file already there is never overwritten.
 * A crash midway simply runs it again: files already written are kept as they are.
 */
export async function migrateSessionHistory(historyPath: string, log: ReflectionLog): Promise<HistoryMigration> {
  let text: string;
  try {
    text = await readFile(historyPath, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'none' };
    throw error;
  }
  let parsed;
  try {
    parsed = SessionHistoryFile.safeParse(JSON.parse(text));
  } catch (error) {
    return { kind: 'unreadable', reason: String(error) };
  }
  // An unreadable history stays where it is, to be looked at; nothing is made up from it.
  if (!parsed.success) return { kind: 'unreadable', reason: parsed.error.issues[0]?.message ?? 'invalid' };
  const facts = parsed.data.sessions.map((session) => factsOfSession(session, [], []));
  // The history only ever held ended sessions; one without an ending means the file is not what it seems.
  if (facts.some((each) => each === null)) return { kind: 'unreadable', reason: 'a session in it has not ended' };
  for (const each of facts) {
    await log.add({ facts: each!, answers: { outcome: null, depth: null, moved: '', next: '', tags: [] }, status: 'skipped', reflectedAt: null });
  }
  const sessions = facts.length;
  const movedTo = `${historyPath}.migrated`;
  await rename(historyPath, movedTo);
  return { kind: 'migrated', sessions, movedTo };
}
