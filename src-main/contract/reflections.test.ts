import { describe, expect, it } from 'vitest';
import { LocalDate, REFLECTION_TEXT_MAX_CHARS, ReflectionTag, TimeZone, reflectionsContract } from './reflections';

describe('reflections contract', () => {
  it('takes IANA zones and calendar days, and nothing else', () => {
    for (const zone of ['Europe/Berlin', 'America/New_York', 'Asia/Shanghai', 'UTC']) expect(TimeZone.safeParse(zone).success).toBe(true);
    for (const zone of ['Mars/Olympus_Mons', '', '+01:00; rm -rf']) expect(TimeZone.safeParse(zone).success).toBe(false);
    expect(LocalDate.safeParse('2028-02-29').success).toBe(true);
    for (const day of ['2026-13-01', '2026-12-32', '26-12-01', '2026-12-01T00:00']) expect(LocalDate.safeParse(day).success).toBe(false);
  });

  it('takes tags as Obsidian does: one word of any script, not only digits', () => {
    for (const tag of ['analysis', '数学', 'thesis/ch-2', 'x_y']) expect(ReflectionTag.safeParse(tag).success).toBe(true);
    for (const tag of ['two words', '#hash', '2026', '', 'a,b']) expect(ReflectionTag.safeParse(tag).success).toBe(false);
  });

  it('caps the answers and refuses facts or unknown fields in a save', () => {
    const save = reflectionsContract.save.input;
    const answers = { outcome: null, depth: null, moved: 'x'.repeat(REFLECTION_TEXT_MAX_CHARS), next: '', tags: [] };
    const base = { sessionId: 's1', baseVersion: 'f'.repeat(64), answers };
    expect(save.safeParse(base).success).toBe(true);
    expect(save.safeParse({ ...base, answers: { ...answers, moved: 'x'.repeat(REFLECTION_TEXT_MAX_CHARS + 1) } }).success).toBe(false);
    expect(save.safeParse({ ...base, facts: {} }).success).toBe(false);
    expect(save.safeParse({ ...base, answers: { ...answers, depth: 0 } }).success).toBe(false);
    expect(reflectionsContract.list.input.safeParse({ depthMin: 1, depthMax: 5, outcomes: ['yes', 'partly'], status: ['skipped'] }).success).toBe(true);
  });
});
