import { describe, expect, it } from 'vitest';
import { HeldNotices } from './held-notices';

describe('HeldNotices', () => {
  it('shows at once with no session, holds during one, and shows the held ones in order when released', () => {
    let running = false;
    const shown: string[] = [];
    const notices = new HeldNotices<string>((notice) => shown.push(notice), () => running);
    notices.notify('before');
    expect(shown).toEqual(['before']);

    running = true;
    notices.notify('first');
    notices.notify('second');
    expect(shown).toEqual(['before']);

    running = false;
    notices.release();
    expect(shown).toEqual(['before', 'first', 'second']);
    notices.release();
    expect(shown).toHaveLength(3);
  });
});
