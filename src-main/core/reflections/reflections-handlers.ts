import type { reflectionsContract } from '../../contract/reflections';
import type { DomainHandlers } from '../ipc/router';
import type { ReflectionService } from './reflection-service';

/** The session as far as its reflection follows it (session-reflection.ts). */
export interface ReflectedSession {
  /** Settles once the session that ended last has its reflection file: the end is announced before it is written. */
  endRecorded(): Promise<void>;
  /** The session's reflection was written or skipped: the end screen moves on. */
  reflected(sessionId: string): Promise<void>;
}

export function reflectionsHandlers(reflections: ReflectionService, { endRecorded, reflected }: ReflectedSession): DomainHandlers<typeof reflectionsContract> {
  return {
    list: (query) => reflections.list(query),
    // "Write a reflection" can be clicked as soon as the end shows: the file it opens may still be being written.
    get: async ({ sessionId, timeZone }) => {
      await endRecorded();
      return reflections.get(sessionId, timeZone);
    },
    save: async ({ sessionId, answers, baseVersion }) => {
      const entry = await reflections.save(sessionId, answers, baseVersion);
      await reflected(sessionId);
      return entry;
    },
    skip: async ({ sessionId }) => {
      const entry = await reflections.skip(sessionId);
      await reflected(sessionId);
      return entry;
    },
    pending: async () => {
      await endRecorded();
      return { entry: await reflections.pending() };
    },
    stats: (context) => reflections.stats(context),
    weekly: ({ language, ...context }) => reflections.weekly(context, language),
    export: ({ format, filter, language }) => reflections.export(format, filter, language),
    import: ({ format, content }) => reflections.import(format, content),
    thoughtToNote: ({ sessionId, index }) => reflections.thoughtToNote(sessionId, index),
    tags: async ({ prefix }) => ({ tags: await reflections.tags(prefix) }),
  };
}
