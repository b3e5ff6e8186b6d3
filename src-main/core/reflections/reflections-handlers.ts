import type { reflectionsContract } from '../../contract/reflections';
import type { DomainHandlers } from '../ipc/router';
import type { ReflectionService } from './reflection-service';

/** `reflected`: the session's reflection was written or skipped (session-reflection.ts moves its session on). */
export function reflectionsHandlers(reflections: ReflectionService, reflected: (sessionId: string) => Promise<void>): DomainHandlers<typeof reflectionsContract> {
  return {
    list: (query) => reflections.list(query),
    get: ({ sessionId, timeZone }) => reflections.get(sessionId, timeZone),
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
    pending: async () => ({ entry: await reflections.pending() }),
    stats: (context) => reflections.stats(context),
    weekly: ({ language, ...context }) => reflections.weekly(context, language),
    export: ({ format, filter, language }) => reflections.export(format, filter, language),
    import: ({ format, content }) => reflections.import(format, content),
    tags: async ({ prefix }) => ({ tags: await reflections.tags(prefix) }),
  };
}
