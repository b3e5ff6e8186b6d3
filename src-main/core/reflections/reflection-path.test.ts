import { describe, expect, it } from 'vitest';
import { isValidNoteName } from '../../contract/notes';
import { reflectionPathFor, slugOfIntent } from './reflection-path';

describe('reflection file names', () => {
  it('makes a slug of the intent: lower case, words joined, every script kept, nothing Windows refuses', () => {
    expect(slugOfIntent('Prove Lemma 3')).toBe('prove-lemma-3');
    expect(slugOfIntent('证明 引理 3：上界')).toBe('证明-引理-3：上界');
    expect(slugOfIntent('a/b\\c:d*e?f"g<h>i|j')).toBe('a-b-c-d-e-f-g-h-i-j');
    expect(slugOfIntent('  ...CON.  ')).toBe('con_');
    expect(slugOfIntent('   ')).toBe('session');
    expect(slugOfIntent('#^[]')).toBe('session');
    expect([...slugOfIntent('长'.repeat(200))]).toHaveLength(48);
  });

  it('names the file by the local time of the start, in that month’s folder, with a piece of the session id', () => {
    const session = { sessionId: '3f9a2c1d-aaaa-4bbb-8ccc-000000000000', intent: 'Write §2', startedAt: Date.UTC(2026, 2, 29, 0, 59) };
    expect(reflectionPathFor(session, 'Europe/Berlin')).toBe('Reflections/2026/03/2026-03-29-0159-write-§2-3f9a2c.md');
    expect(reflectionPathFor(session, 'America/New_York')).toBe('Reflections/2026/03/2026-03-28-2059-write-§2-3f9a2c.md');
    expect(reflectionPathFor(session, 'Asia/Shanghai', 3)).toBe('Reflections/2026/03/2026-03-29-0859-write-§2-3f9a2c-3.md');
    for (const intent of ['CON', 'aux.txt', ' . ', '中'.repeat(300), 'a'.repeat(300)]) {
      const name = reflectionPathFor({ ...session, intent }, 'UTC').split('/').pop()!;
      expect([name, isValidNoteName(name)]).toEqual([name, true]);
    }
  });
});
