import { describe, expect, it } from 'vitest';
import { SaveLine } from './save-line';

/** A save the test finishes by hand. */
function pending(): { save: () => Promise<void>; finish: () => void; started: () => number } {
  let starts = 0;
  let finish = () => {};
  return {
    save: () => {
      starts++;
      return new Promise<void>((resolve) => (finish = resolve));
    },
    finish: () => finish(),
    started: () => starts,
  };
}

describe('one save at a time', () => {
  it('runs a save asked for meanwhile after the running one, once, and only if still needed', async () => {
    const line = new SaveLine();
    const work = pending();
    let unsaved = true;
    const first = line.run(() => unsaved, work.save);
    expect(line.busy).toBe(true);
    const second = line.run(() => unsaved, work.save);
    const third = line.run(() => unsaved, work.save);
    expect(work.started()).toBe(1);
    work.finish();
    await first;
    await new Promise((resolve) => setTimeout(resolve, 0));
    // The second and third both waited; the one that woke first runs, the other waits for it.
    expect(work.started()).toBe(2);
    unsaved = false;
    work.finish();
    await Promise.all([second, third]);
    expect(work.started()).toBe(2);
    expect(line.done).toBe(2);
    expect(line.busy).toBe(false);
  });

  it('counts a failed save as done and lets the next one run', async () => {
    const line = new SaveLine();
    await expect(line.run(() => true, () => Promise.reject(new Error('disk gone')))).rejects.toThrow('disk gone');
    expect(line.done).toBe(1);
    let ran = false;
    await line.run(() => true, async () => void (ran = true));
    expect(ran).toBe(true);
  });

  it('skips a save nothing needs, and idles at once when none runs', async () => {
    const line = new SaveLine();
    await line.idle();
    await line.run(() => false, () => Promise.reject(new Error('must not run')));
    expect(line.done).toBe(0);
  });
});
