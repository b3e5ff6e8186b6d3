import { describe, expect, it } from 'vitest';
import { MAX_PEER_ATTEMPTS_PER_MINUTE, ReachRecorder } from './reach-recorder';

describe('ReachRecorder', () => {
  it('keeps attempts for the lease hosts in order, and only counts the others', () => {
    const recorder = new ReachRecorder(['bilibili.com', 'www.bilibili.com']);
    expect(recorder.record('bilibili.com', 'http', 1, 'uid:1000')).toBe('kept');
    expect(recorder.record('www.bilibili.com', 'https', 2, 'uid:1000')).toBe('kept');
    expect(recorder.record('example.com', 'https', 3, 'uid:1000')).toBe('ignored');
    expect(recorder.record(null, 'http', 4, 'uid:1000')).toBe('ignored');
    expect(recorder.counts()).toEqual({
      attempts: [
        { host: 'bilibili.com', at: 1, kind: 'http' },
        { host: 'www.bilibili.com', at: 2, kind: 'https' },
      ],
      dropped: 0,
      ignored: 2,
    });
  });

  it('keeps at most its limit and counts the rest as dropped', () => {
    const recorder = new ReachRecorder(['a.com'], 3);
    for (let at = 0; at < 10; at++) recorder.record('a.com', 'https', at, 'uid:1000');
    const { attempts, dropped } = recorder.counts();
    expect(attempts.map((attempt) => attempt.at)).toEqual([0, 1, 2]);
    expect(dropped).toBe(7);
  });

  it('follows an extended lease: new hosts count from then on, earlier attempts stay', () => {
    const recorder = new ReachRecorder(['a.com']);
    recorder.record('a.com', 'http', 1, 'uid:1000');
    recorder.record('b.com', 'http', 2, 'uid:1000');
    recorder.follow(['a.com', 'b.com']);
    recorder.record('b.com', 'http', 3, 'uid:1000');
    expect(recorder.counts().attempts.map((attempt) => `${attempt.host}@${attempt.at}`)).toEqual(['a.com@1', 'b.com@3']);
  });

  it('caps what one peer adds per minute, without taking from another peer', () => {
    const recorder = new ReachRecorder(['a.com']);
    for (let at = 0; at < 500; at++) recorder.record('a.com', 'https', at, 'uid:1001');
    expect(recorder.record('a.com', 'https', 600, 'uid:1000')).toBe('kept');
    expect(recorder.counts()).toMatchObject({ dropped: 500 - MAX_PEER_ATTEMPTS_PER_MINUTE });
    // A minute later the peer may add again.
    expect(recorder.record('a.com', 'https', 60_000, 'uid:1001')).toBe('kept');
  });
});
