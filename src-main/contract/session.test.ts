import { describe, expect, it } from 'vitest';
import { FocusSession, SessionPrefs, StartRequest } from './session';

/** What could hide or reverse an intent where main shows it (tray, notifications), and what it stands beside. */
const unsafe = {
  NUL: 'a\u0000b',
  VT: 'a\u000Bb',
  TAB: 'a\tb',
  DEL: 'a\u007Fb',
  NEL: 'a\u0085b',
  CSI: 'a\u009B31mb',
  LRE: 'a\u202Ab',
  RLO: 'invoice\u202Efdp.exe',
  PDF: 'a\u202Cb',
  LRI: 'a\u2066b',
  PDI: 'a\u2069b',
};

describe('StartRequest intent', () => {
  it.each(Object.entries(unsafe))('refuses %s where the intent is entered', (_, intent) => {
    expect(StartRequest.safeParse({ minutes: 25, intent }).success).toBe(false);
  });

  it('takes every language, emoji sequences and the bidi marks right-to-left text needs', () => {
    for (const intent of ['prove Lemma 3', '证明引理 3', 'اقرأ الفصل 2\u200F', 'שלום 3\u200E', 'plan 👨\u200D👩\u200D👧', 'a < b & c > "d"', '']) {
      expect(StartRequest.safeParse({ minutes: 25, intent }).success).toBe(true);
    }
  });

  it('still reads a session and settings stored before the rule, so nothing saved is lost', () => {
    const stored = { id: 's1', intent: unsafe.RLO, plannedMinutes: 25, extendedCount: 0, startedAt: 0, endsAt: 1, mode: 'flexible', challenge: null, ending: null, reflectedAt: null, parkedThoughts: [], blocks: null, window: null };
    expect(FocusSession.safeParse(stored).success).toBe(true);
    expect(SessionPrefs.parse({ lastIntent: unsafe.NUL }).lastIntent).toBe(unsafe.NUL);
  });
});
