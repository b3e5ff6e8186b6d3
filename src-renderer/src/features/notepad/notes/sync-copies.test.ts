import { describe, expect, it } from 'vitest';
import { NOTE_TITLE_MAX_CHARS } from '../../../../../src-main/contract/notes';
import { copyTime } from '../SyncCopyPanel';
import { keptCopyTitle } from './sync-copies';

describe('a conflict copy kept as its own note', () => {
  const suffix = (title: string) => `${title} (copy from FYBUD4K, 2026-12-07)`;

  it('is titled after its note with the suffix', () => {
    expect(keptCopyTitle('Plan', suffix)).toBe('Plan (copy from FYBUD4K, 2026-12-07)');
  });

  it('cuts a long title, never the suffix, to what a title may hold', () => {
    const title = keptCopyTitle('长'.repeat(200), suffix);
    expect([...title].length).toBeLessThanOrEqual(NOTE_TITLE_MAX_CHARS);
    expect(title.endsWith('(copy from FYBUD4K, 2026-12-07)')).toBe(true);
  });
});

describe('the time a copy’s name gives', () => {
  it('is shown as written, in the reader’s language, never shifted by a zone', () => {
    expect(copyTime({ date: '2026-12-07', time: '13:37:37' }, 'en')).toBe('Dec 7, 2026, 1:37 PM');
    expect(copyTime({ date: '2026-12-07', time: '09:01:02' }, 'zh-CN')).toBe('2026年12月7日 09:01');
    expect(copyTime({ date: '2026-12-08', time: null }, 'en')).toBe('Dec 8, 2026');
  });
});
