import { vi } from 'vitest';
import type { AppError } from '../../src-main/contract';
import type { ReflectionEntry } from '../../src-main/contract/reflections';

type Answer<T> = { ok: true; value: T } | { ok: false; error: AppError };
const ok = <T>(value: T): Answer<T> => ({ ok: true, value });

/**
 * The part of `window.stillroom` the reflections store calls, answering from an in-memory log. The real core
 * cannot run in jsdom (the renderer may import only the contract), so this is the narrow stand-in for main;
 * e2e/app/reflections.spec.ts drives the same store against the real core and real files.
 */
export function installFakeApi(entries: ReflectionEntry[] = []) {
  const log = [...entries];
  const calls: { method: string; input: unknown }[] = [];
  let failNextSave: AppError | null = null;
  const record = (method: string, input?: unknown) => calls.push({ method, input });
  const find = (sessionId: string) => log.find((entry) => entry.facts.sessionId === sessionId);
  const reflections = {
    list: vi.fn(async (input: unknown) => (record('list', input), ok({ entries: [...log], unreadable: [], progress: null }))),
    stats: vi.fn(async (input: unknown) => (record('stats', input), ok(null))),
    tags: vi.fn(async (input: unknown) => (record('tags', input), ok({ tags: [{ tag: 'analysis', count: 3 }, { tag: 'algebra', count: 1 }] }))),
    pending: vi.fn(async () => (record('pending'), ok({ entry: log.find((entry) => entry.status === 'pending') ?? null }))),
    get: vi.fn(async (input: { sessionId: string }) => {
      record('get', input);
      const entry = find(input.sessionId);
      return entry ? ok(entry) : { ok: false as const, error: { code: 'reflection-not-found' as const, message: 'not found' } };
    }),
    save: vi.fn(async (input: { sessionId: string; answers: ReflectionEntry['answers'] }) => {
      record('save', input);
      if (failNextSave) {
        const error = failNextSave;
        failNextSave = null;
        return { ok: false as const, error };
      }
      const at = log.findIndex((entry) => entry.facts.sessionId === input.sessionId);
      const saved: ReflectionEntry = { ...log[at]!, answers: input.answers, status: 'reflected', reflectedAt: 1 };
      log[at] = saved;
      return ok(saved);
    }),
    skip: vi.fn(async (input: { sessionId: string }) => {
      record('skip', input);
      const at = log.findIndex((entry) => entry.facts.sessionId === input.sessionId);
      log[at] = { ...log[at]!, status: 'skipped' };
      return ok(log[at]);
    }),
    weekly: vi.fn(),
    export: vi.fn(),
    import: vi.fn(),
    onChanged: vi.fn((_listener: () => void): (() => void) => () => undefined),
  };
  Object.defineProperty(globalThis, 'stillroom', { value: { reflections }, configurable: true });
  return {
    calls,
    log,
    reflections,
    failSave(error: AppError) {
      failNextSave = error;
    },
  };
}
