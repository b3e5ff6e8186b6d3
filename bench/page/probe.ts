/**
 * Keystroke to the next frame: from the keydown's timestamp to a task queued from the first animation frame after
 * it, i.e. after the frame that shows the keystroke has been produced. The same probe runs on every page.
 */
export interface Probe {
  latencies: number[];
  setCaret(pos: number): void;
  /** Milliseconds from the navigation's start to the next frame produced (call once the note is in the DOM). */
  nextFrameAt(): Promise<number>;
  /** When the last click happened (its event's timestamp, on the same clock), or null. */
  clickedAt: number | null;
  /**
   * Resolves once the page has been idle for `calmMs` (every idle period in it had 40 ms or more left: no background
   * parse or other task running), or after `limitMs` whatever happens.
   */
  settled(calmMs: number, limitMs: number): Promise<void>;
}

declare global {
  interface Window {
    probe: Probe;
  }
}

export function installProbe(setCaret: (pos: number) => void): void {
  const latencies: number[] = [];
  document.addEventListener(
    'keydown',
    (event) => {
      const start = event.timeStamp;
      requestAnimationFrame(() => setTimeout(() => latencies.push(performance.now() - start)));
    },
    true,
  );
  const probe: Probe = {
    latencies,
    setCaret,
    nextFrameAt: () => new Promise((done) => requestAnimationFrame(() => setTimeout(() => done(performance.now())))),
    clickedAt: null,
    settled: (calmMs, limitMs) =>
      new Promise((done) => {
        const started = performance.now();
        let calmSince = started;
        const check = (deadline: IdleDeadline) => {
          const now = performance.now();
          if (deadline.timeRemaining() < 40) calmSince = now;
          if (now - calmSince >= calmMs || now - started >= limitMs) done();
          else requestIdleCallback(check);
        };
        requestIdleCallback(check);
      }),
  };
  document.addEventListener('click', (event) => (probe.clickedAt = event.timeStamp), true);
  window.probe = probe;
}
