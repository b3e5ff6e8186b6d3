import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FocusSession, MAX_EXTENSIONS, MAX_PARKED_THOUGHTS, MAX_THOUGHT_LENGTH, MINUTE, type CommitmentMode, type EndRequest } from '../../contract/session';
import { DomainError } from '../domain-error';
import { CHALLENGE_WORDS, challengePhrase, phraseMatches } from './challenge-phrase';
import {
  completeSession,
  endRequirement,
  endSession,
  extendSession,
  markReflected,
  cleanThought,
  parkThought,
  startSession,
  type SessionRecord,
} from './focus-session';

const T0 = Date.UTC(2026, 10, 30, 9, 0, 0);
const PHRASE = 'amber river stone maple quartz';
const start = (mode: CommitmentMode = 'flexible', minutes = 90, record: SessionRecord = { phase: 'idle' }) =>
  startSession(record, { id: 's1', now: T0, minutes, intent: '  prove Lemma 3 ', mode, allowOnly: false, challenge: PHRASE });

const codeOf = (run: () => unknown): string | undefined => {
  try {
    run();
    return undefined;
  } catch (error) {
    if (error instanceof DomainError) return error.code;
    throw error;
  }
};

describe('focus session state machine', () => {
  const running = start();
  const ended = endSession(running, { kind: 'confirm' }, T0 + MINUTE);
  const reflected = markReflected(ended, T0 + 2 * MINUTE);
  const records: Record<string, SessionRecord> = { idle: { phase: 'idle' }, running, ended, reflected };
  const actions: Record<string, (record: SessionRecord) => SessionRecord | unknown> = {
    start: (record) => start('flexible', 90, record),
    extend: (record) => extendSession(record),
    requestEnd: (record) => endRequirement(record, T0),
    end: (record) => endSession(record, { kind: 'confirm' }, T0 + MINUTE),
    complete: (record) => completeSession(record),
    markReflected: (record) => markReflected(record, T0),
    parkThought: (record) => parkThought(record, 'reply to Li', T0),
  };
  // Every action from every phase: legal ones produce the named phase, the rest are typed errors.
  const table: [string, string, string][] = [
    ['idle', 'start', 'running'],
    ['idle', 'extend', 'illegal'],
    ['idle', 'requestEnd', 'illegal'],
    ['idle', 'end', 'illegal'],
    ['idle', 'complete', 'illegal'],
    ['idle', 'parkThought', 'illegal'],
    ['idle', 'markReflected', 'illegal'],
    ['running', 'start', 'illegal'],
    ['running', 'extend', 'running'],
    ['running', 'requestEnd', 'requirement'],
    ['running', 'end', 'ended'],
    ['running', 'complete', 'ended'],
    ['running', 'parkThought', 'running'],
    ['running', 'markReflected', 'illegal'],
    ['ended', 'start', 'running'],
    ['ended', 'extend', 'illegal'],
    ['ended', 'requestEnd', 'illegal'],
    ['ended', 'end', 'illegal'],
    ['ended', 'complete', 'illegal'],
    ['ended', 'parkThought', 'illegal'],
    ['ended', 'markReflected', 'reflected'],
    ['reflected', 'start', 'running'],
    ['reflected', 'extend', 'illegal'],
    ['reflected', 'requestEnd', 'illegal'],
    ['reflected', 'end', 'illegal'],
    ['reflected', 'complete', 'illegal'],
    ['reflected', 'parkThought', 'illegal'],
    ['reflected', 'markReflected', 'illegal'],
  ];

  it.each(table)('%s --%s--> %s', (phase, action, outcome) => {
    const record = records[phase]!;
    const before = structuredClone(record);
    const run = () => actions[action]!(record);
    if (outcome === 'illegal') {
      expect(codeOf(run)).toBe('session-illegal-transition');
    } else if (outcome === 'requirement') {
      expect(run()).toEqual({ kind: 'confirm' });
    } else {
      expect((run() as SessionRecord).phase).toBe(outcome);
    }
    expect(record).toEqual(before);
  });

  it('starts with an absolute deadline, a trimmed intent and no challenge outside committed mode', () => {
    expect(running.session).toEqual({
      id: 's1',
      intent: 'prove Lemma 3',
      plannedMinutes: 90,
      extendedCount: 0,
      startedAt: T0,
      endsAt: T0 + 90 * MINUTE,
      mode: 'flexible',
      challenge: null,
      ending: null,
      reflectedAt: null,
      parkedThoughts: [],
      blocks: null,
      window: null,
      allowOnly: false,
    });
    expect(FocusSession.parse(running.session)).toEqual(running.session);
    expect(start('committed').session.challenge).toBe(PHRASE);
    expect(start('locked').session.challenge).toBeNull();
  });

  it('accepts 5 to 240 whole minutes and refuses anything else', () => {
    for (const minutes of [5, 25, 50, 90, 120, 240]) expect(start('flexible', minutes).session.endsAt).toBe(T0 + minutes * MINUTE);
    for (const minutes of [4, 241, 0, -5, 30.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(codeOf(() => start('flexible', minutes))).toBe('session-invalid-length');
    }
  });

  it('refuses an intent of more than one line', () => {
    expect(codeOf(() => startSession({ phase: 'idle' }, { id: 's', now: T0, minutes: 25, intent: 'a\nb', mode: 'flexible', allowOnly: false, challenge: '' }))).toBe(
      'invalid-payload',
    );
  });

  it('extends by 15 minutes, counted, up to the limit', () => {
    let record = start('locked', 25);
    for (let count = 1; count <= MAX_EXTENSIONS; count++) {
      record = extendSession(record);
      expect(record.session.extendedCount).toBe(count);
      expect(record.session.endsAt).toBe(T0 + (25 + 15 * count) * MINUTE);
    }
    expect(codeOf(() => extendSession(record))).toBe('session-invalid-length');
  });

  it('flexible: ends early after a confirm, with an optional reason', () => {
    const record = start('flexible');
    expect(endRequirement(record, T0 + MINUTE)).toEqual({ kind: 'confirm' });
    expect(endSession(record, { kind: 'confirm' }, T0 + MINUTE).session.ending).toEqual({ kind: 'ended-early', at: T0 + MINUTE, reason: null });
    expect(endSession(record, { kind: 'phrase', phrase: '', reason: ' tired ' }, T0 + MINUTE).session.ending).toEqual({
      kind: 'ended-early',
      at: T0 + MINUTE,
      reason: 'tired',
    });
  });

  it('committed: ends early only with the phrase and a reason, which is kept', () => {
    const record = start('committed');
    const now = T0 + 10 * MINUTE;
    expect(endRequirement(record, now)).toEqual({ kind: 'phrase', phrase: PHRASE });
    const attempts: [EndRequest, string][] = [
      [{ kind: 'confirm' }, 'session-wrong-phrase'],
      [{ kind: 'phrase', phrase: 'amber river stone maple', reason: 'x' }, 'session-wrong-phrase'],
      [{ kind: 'phrase', phrase: '', reason: 'x' }, 'session-wrong-phrase'],
      [{ kind: 'phrase', phrase: PHRASE, reason: '   ' }, 'session-reason-required'],
    ];
    for (const [request, code] of attempts) expect(codeOf(() => endSession(record, request, now))).toBe(code);
    const ended = endSession(record, { kind: 'phrase', phrase: '  Amber  river stone MAPLE quartz ', reason: 'the proof needs a book I left at work' }, now);
    expect(ended.session.ending).toEqual({ kind: 'ended-early', at: now, reason: 'the proof needs a book I left at work' });
  });

  it('locked: refused before the deadline, whatever is offered, and says until when', () => {
    const record = start('locked', 25);
    const now = T0 + 24 * MINUTE;
    expect(endRequirement(record, now)).toEqual({ kind: 'locked', until: T0 + 25 * MINUTE });
    let error: DomainError | undefined;
    try {
      endSession(record, { kind: 'phrase', phrase: PHRASE, reason: 'please' }, now);
    } catch (caught) {
      error = caught as DomainError;
    }
    expect(error?.code).toBe('session-locked');
    expect(error?.params).toEqual({ until: T0 + 25 * MINUTE });
    expect(extendSession(record).session.endsAt).toBe(T0 + 40 * MINUTE);
  });

  it('ending at or after the deadline, in any mode, records completion at the deadline', () => {
    for (const mode of ['flexible', 'committed', 'locked'] as const) {
      const record = start(mode, 25);
      expect(endRequirement(record, T0 + 25 * MINUTE)).toEqual({ kind: 'confirm' });
      expect(endSession(record, { kind: 'confirm' }, T0 + 30 * MINUTE).session.ending).toEqual({ kind: 'completed', at: T0 + 25 * MINUTE });
    }
    expect(completeSession(start('flexible', 25)).session.ending).toEqual({ kind: 'completed', at: T0 + 25 * MINUTE });
  });

  it('marks the reflection time, keeping how it ended', () => {
    expect(reflected.session.reflectedAt).toBe(T0 + 2 * MINUTE);
    expect(reflected.session.ending).toEqual(ended.session.ending);
  });
});

describe('challenge phrase', () => {
  it('is five words from the list, drawn by the given random source', () => {
    const phrase = challengePhrase((max) => max - 1);
    expect(phrase.split(' ')).toHaveLength(5);
    expect(phrase.split(' ').every((word) => (CHALLENGE_WORDS as readonly string[]).includes(word))).toBe(true);
    expect(new Set(CHALLENGE_WORDS).size).toBe(CHALLENGE_WORDS.length);
  });

  it('matches regardless of spacing and case, and only the same words', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(CHALLENGE_WORDS.length - 1), { minLength: 5, maxLength: 5 }), fc.nat(4), (indexes, drop) => {
        const words = indexes.map((index) => CHALLENGE_WORDS[index]!);
        const phrase = words.join(' ');
        expect(phraseMatches(phrase, `  ${words.join('   ').toUpperCase()} `)).toBe(true);
        expect(phraseMatches(phrase, words.filter((_, index) => index !== drop).join(' '))).toBe(false);
        expect(phraseMatches(phrase, words.join(''))).toBe(false);
      }),
    );
    expect(phraseMatches('a b', '')).toBe(false);
  });
});

describe('parking a thought', () => {
  const running = start();

  it('keeps each thought with its time, oldest first, and the session carries them to its end', () => {
    const once = parkThought(running, 'reply to Li', T0 + MINUTE);
    const twice = parkThought(once, 'check that paper', T0 + 2 * MINUTE);
    expect(twice.session.parkedThoughts).toEqual([
      { text: 'reply to Li', at: T0 + MINUTE },
      { text: 'check that paper', at: T0 + 2 * MINUTE },
    ]);
    expect(running.session.parkedThoughts).toEqual([]);
    expect(endSession(twice, { kind: 'confirm' }, T0 + 3 * MINUTE).session.parkedThoughts).toHaveLength(2);
    expect(FocusSession.parse(twice.session)).toEqual(twice.session);
  });

  it('cleans a thought to one plain line: controls, bidi overrides and line breaks become one space', () => {
    expect(cleanThought('  reply\u0000to\tLi\r\n\u2028now\u202e!  ')).toBe('reply to Li now !');
    expect(cleanThought('\u0007\n  ')).toBe('');
    expect(cleanThought('x'.repeat(MAX_THOUGHT_LENGTH + 50))).toHaveLength(MAX_THOUGHT_LENGTH);
    // Right-to-left writing keeps its implicit marks.
    expect(cleanThought('\u200fשלום')).toBe('\u200fשלום');
  });

  it('refuses an empty thought and one past the bound, changing nothing', () => {
    expect(codeOf(() => parkThought(running, ' \u0000 ', T0))).toBe('session-thought-refused');
    let full: SessionRecord = running;
    for (let index = 0; index < MAX_PARKED_THOUGHTS; index++) full = parkThought(full, `thought ${index}`, T0 + index);
    const before = structuredClone(full);
    expect(codeOf(() => parkThought(full, 'one more', T0))).toBe('session-thought-refused');
    expect(full).toEqual(before);
  });

  it('any text parks as one clean line within the bound, or is refused as empty', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: MAX_THOUGHT_LENGTH, unit: 'binary' }), (text) => {
        const cleaned = cleanThought(text);
        if (cleaned === '') {
          expect(codeOf(() => parkThought(running, text, T0))).toBe('session-thought-refused');
          return;
        }
        const parked = parkThought(running, text, T0).session.parkedThoughts[0]!;
        expect(parked.text).toBe(cleaned);
        expect(FocusSession.shape.parkedThoughts.element.parse(parked)).toEqual(parked);
      }),
    );
  });
});
