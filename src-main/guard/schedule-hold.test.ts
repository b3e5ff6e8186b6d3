import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Instant } from './lease';
import { ScheduleRequest, type HeldBlocks, type HeldWindowRequest, type ScheduleRequest as ScheduleRequestType } from './protocol';
import { combineLeases, decideSchedule, HeldScheduleStore, heldReport, runningWindowLeases, settleHeld, type HeldSchedule } from './schedule-hold';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const T0 = Date.UTC(2026, 11, 7, 8, 0);
const at = (wallMs: number, uptimeMs: number, bootId = 'boot-1'): Instant => ({ wallMs, uptimeMs, bootId });

const FEEDS = { hostnames: ['www.youtube.com', 'youtube.com'] };
const CHAT = { hostnames: ['discord.com'] };

function push(windows: Partial<HeldWindowRequest>[], options: { blocks?: ({ hostnames: string[] } & Partial<HeldBlocks>)[]; loosenDelayMs?: number } = {}): ScheduleRequestType {
  return ScheduleRequest.parse({
    type: 'schedule',
    blocks: options.blocks ?? [FEEDS, { hostnames: [...FEEDS.hostnames, ...CHAT.hostnames] }],
    windows: windows.map((window, index) => ({ id: `w${index}`, startsAt: T0 + HOUR, endsAt: T0 + 2 * HOUR, mode: 'locked', blocks: 0, ...window })),
    loosenDelayMs: options.loosenDelayMs ?? 24 * HOUR,
  });
}

function held(current: HeldSchedule | null, request: ScheduleRequestType, now: Instant): HeldSchedule {
  const decision = decideSchedule(current, request, now);
  if (!decision.ok) throw new Error(`refused: ${decision.code} ${decision.message}`);
  return decision.held;
}

const ids = (schedule: HeldSchedule) => schedule.windows.map((window) => window.id);

describe('decideSchedule: validation, as a lease', () => {
  const now = at(T0, 1000);
  it('refuses the whole push for one bad hostname, a bad app rule, a window past 8 days, or a block set that blocks nothing', () => {
    expect(decideSchedule(null, push([{}], { blocks: [{ hostnames: ['bad host'] }] }), now)).toMatchObject({ ok: false, code: 'invalid-hostname' });
    expect(decideSchedule(null, push([{ startsAt: T0 + 8 * 24 * HOUR, endsAt: T0 + 8 * 24 * HOUR + MINUTE }]), now)).toMatchObject({ ok: false, code: 'schedule-too-far' });
    expect(decideSchedule(null, push([{}], { blocks: [{ hostnames: [] }] }), now)).toMatchObject({ ok: false, code: 'bad-request' });
    expect(decideSchedule(null, push([{ endsAt: T0 + HOUR }]), now)).toMatchObject({ ok: false, code: 'bad-request' });
    expect(decideSchedule(null, push([{ id: 'same' }, { id: 'same' }]), now)).toMatchObject({ ok: false, code: 'bad-request' });
    expect(decideSchedule(null, push([{ blocks: 5 }]), now)).toMatchObject({ ok: false, code: 'bad-request' });
    const badApp = ScheduleRequest.parse({
      type: 'schedule',
      blocks: [{ hostnames: [], apps: { entries: [{ id: 'shell', linux: { executables: ['bash'], paths: [], appImages: [], flatpaks: [], snaps: [] } }], graceMs: 1000 } }],
      windows: [{ id: 'w', startsAt: T0 + HOUR, endsAt: T0 + 2 * HOUR, mode: 'locked', blocks: 0 }],
      loosenDelayMs: HOUR,
    });
    expect(decideSchedule(null, badApp, now)).toMatchObject({ ok: false, code: 'invalid-app-rule' });
  });

  it('refuses at the protocol what names no window shape: a path field, too many windows, a wait past a week', () => {
    const base = { type: 'schedule', blocks: [FEEDS], windows: [], loosenDelayMs: HOUR };
    expect(ScheduleRequest.safeParse({ ...base, path: '/etc/passwd' }).success).toBe(false);
    expect(ScheduleRequest.safeParse({ ...base, windows: [{ id: 'w', startsAt: 1, endsAt: 2, mode: 'locked', blocks: 0, command: 'rm' }] }).success).toBe(false);
    expect(ScheduleRequest.safeParse({ ...base, windows: Array.from({ length: 161 }, (_, i) => ({ id: `w${i}`, startsAt: 1, endsAt: 2, mode: 'locked', blocks: 0 })) }).success).toBe(false);
    expect(ScheduleRequest.safeParse({ ...base, loosenDelayMs: 8 * 24 * HOUR }).success).toBe(false);
  });

  it('leaves out windows already over, and canonicalises hostnames as a lease does', () => {
    const schedule = held(null, push([{ startsAt: T0 - 2 * HOUR, endsAt: T0 - HOUR }, {}], { blocks: [{ hostnames: ['WWW.YouTube.com', 'youtube.com'] }] }), now);
    expect(ids(schedule)).toEqual(['w1']);
    expect(schedule.windows[0]?.blocks.hostnames).toEqual(['www.youtube.com', 'youtube.com']);
  });
});

describe('the rule of commitment in the guard', () => {
  const first = at(T0, 1000);
  const later = at(T0 + 10 * MINUTE, 1000 + 10 * MINUTE);

  it('adds and tightens at once; drops a flexible or committed window at once', () => {
    let schedule = held(null, push([{ id: 'flex', mode: 'flexible' }, { id: 'comm', mode: 'committed' }, { id: 'lock' }]), first);
    schedule = held(schedule, push([{ id: 'lock', startsAt: T0 + 30 * MINUTE, blocks: 1 }, { id: 'new', startsAt: T0 + 5 * HOUR, endsAt: T0 + 6 * HOUR }]), later);
    expect(ids(schedule)).toEqual(['lock', 'new']);
    expect(schedule.windows[0]).toMatchObject({ startsAt: T0 + 30 * MINUTE, removalAskedAt: null });
    expect(schedule.windows[0]?.blocks.hostnames).toContain('discord.com');
  });

  it('keeps a locked window a push drops or loosens, until the wait has passed since the first push that asked', () => {
    let schedule = held(null, push([{ id: 'lock', blocks: 1 }], { loosenDelayMs: 2 * HOUR }), first);
    // Loosened (fewer hosts) under the same id: the old one is kept and waits; the looser one is held beside it.
    schedule = held(schedule, push([{ id: 'lock', blocks: 0 }], { loosenDelayMs: 2 * HOUR }), first);
    expect(schedule.windows.map((window) => [window.id, window.blocks.hostnames.length, window.removalAskedAt?.wallMs ?? null])).toEqual([
      ['lock', 2, null],
      ['lock', 3, T0],
    ]);
    // Dropped altogether ten minutes later: the first still waits from the first ask, the looser one (locked too) from now.
    schedule = held(schedule, push([], { loosenDelayMs: 2 * HOUR }), later);
    expect(heldReport(schedule, later, false).windows.map(({ removalAt, running }) => ({ removalAt, running }))).toEqual([
      { removalAt: T0 + 10 * MINUTE + 2 * HOUR, running: false },
      { removalAt: T0 + 2 * HOUR, running: false },
    ]);
    // Just before the wait ends it is there; at the end it goes (the window starts at T0 + 1 h, so move it later).
    const waiting = held(null, push([{ id: 'late', startsAt: T0 + 5 * HOUR, endsAt: T0 + 6 * HOUR }], { loosenDelayMs: 2 * HOUR }), first);
    const asked = held(waiting, push([], { loosenDelayMs: 2 * HOUR }), first);
    expect(settleHeld(asked, at(T0 + 2 * HOUR - 1, 1000 + 2 * HOUR - 1)).held.windows).toHaveLength(1);
    expect(settleHeld(asked, at(T0 + 2 * HOUR, 1000 + 2 * HOUR)).held.windows).toHaveLength(0);
  });

  it('drops a locked window at once when another window of the push covers it; a push that asks again cancels the wait', () => {
    const schedule = held(null, push([{ id: 'lock' }]), first);
    expect(ids(held(schedule, push([{ id: 'wider', startsAt: T0 + 30 * MINUTE, endsAt: T0 + 3 * HOUR, blocks: 1 }]), later))).toEqual(['wider']);
    const asked = held(schedule, push([]), later);
    expect(held(asked, push([{ id: 'lock' }]), later).windows).toEqual([expect.objectContaining({ id: 'lock', removalAskedAt: null })]);
  });

  it('runs a locked window already started to its end, whatever a push says', () => {
    let schedule = held(null, push([{ id: 'lock' }]), first);
    const inWindow = at(T0 + HOUR + MINUTE, 1000 + HOUR + MINUTE);
    schedule = settleHeld(schedule, inWindow).held;
    expect(runningWindowLeases(schedule, inWindow)).toHaveLength(1);
    schedule = held(schedule, push([]), inWindow);
    expect(schedule.windows).toEqual([expect.objectContaining({ id: 'lock', removalAskedAt: null })]);
    expect(runningWindowLeases(schedule, inWindow)[0]).toMatchObject({ sessionId: 'schedule-lock', mode: 'locked', hostnames: FEEDS.hostnames });
  });

  it('keeps a started window running from its start when the same window is pushed again', () => {
    let schedule = held(null, push([{ id: 'flex', mode: 'flexible' }]), first);
    const inWindow = at(T0 + HOUR + MINUTE, 1000 + HOUR + MINUTE);
    schedule = settleHeld(schedule, inWindow).held;
    const startedAt = schedule.windows[0]?.startedAt;
    schedule = held(schedule, push([{ id: 'flex', mode: 'flexible' }]), at(T0 + HOUR + 2 * MINUTE, 1000 + HOUR + 2 * MINUTE));
    expect(schedule.windows[0]?.startedAt).toEqual(startedAt);
  });

  it('lengthens the wait at once and shortens it only after the current wait', () => {
    let schedule = held(null, push([], { loosenDelayMs: 2 * HOUR }), first);
    schedule = held(schedule, push([], { loosenDelayMs: 3 * HOUR }), first);
    expect(schedule).toMatchObject({ loosenDelayMs: 3 * HOUR, delayChange: null });
    schedule = held(schedule, push([], { loosenDelayMs: HOUR }), first);
    expect(schedule).toMatchObject({ loosenDelayMs: 3 * HOUR, delayChange: { delayMs: HOUR } });
    expect(heldReport(schedule, first, false).delayChange).toEqual({ delayMs: HOUR, effectiveAt: T0 + 3 * HOUR });
    expect(settleHeld(schedule, at(T0 + 3 * HOUR - 1, 1000 + 3 * HOUR - 1)).held.loosenDelayMs).toBe(3 * HOUR);
    expect(settleHeld(schedule, at(T0 + 3 * HOUR, 1000 + 3 * HOUR)).held).toMatchObject({ loosenDelayMs: HOUR, delayChange: null });
  });
});

describe('time of a held schedule', () => {
  const first = at(T0, 1000);

  it('within a boot, runs on boot time: the clock moved back neither delays a start nor stretches a window, moved forward it skips none', () => {
    const schedule = held(null, push([{ id: 'lock' }]), first);
    // An hour of boot time later, with the wall clock set back two hours: the window starts all the same.
    const started = settleHeld(schedule, at(T0 - HOUR, 1000 + HOUR)).held;
    expect(started.windows[0]?.startedAt).toMatchObject({ wallMs: T0 + HOUR });
    // Its end comes after its length in boot time, whatever the wall clock reads.
    expect(runningWindowLeases(started, at(T0 - 5 * HOUR, 1000 + 2 * HOUR - 1))).toHaveLength(1);
    expect(settleHeld(started, at(T0 - 5 * HOUR, 1000 + 2 * HOUR)).held.windows).toHaveLength(0);
    // The clock set far ahead before the start does not pass the window by: it starts at its time.
    const ahead = settleHeld(schedule, at(T0 + 10 * HOUR, 1000 + 30 * MINUTE)).held;
    expect(ahead.windows[0]).toMatchObject({ id: 'lock', startedAt: null });
  });

  it('after a reboot (a new boot id) takes the wall clock: a machine booted into the window gets it, and a started window keeps running', () => {
    const schedule = held(null, push([{ id: 'lock' }]), first);
    const booted = settleHeld(schedule, at(T0 + HOUR + 30 * MINUTE, 20_000, 'boot-2')).held;
    expect(runningWindowLeases(booted, at(T0 + HOUR + 30 * MINUTE, 20_000, 'boot-2'))).toHaveLength(1);
    expect(booted.anchor.bootId).toBe('boot-2');
    const again = settleHeld(booted, at(T0 + HOUR + 40 * MINUTE, 10_000, 'boot-3')).held;
    expect(again.windows).toHaveLength(1);
    expect(settleHeld(again, at(T0 + 2 * HOUR - 1, 10_000 + 20 * MINUTE - 1, 'boot-3')).held.windows).toHaveLength(1);
    expect(settleHeld(again, at(T0 + 2 * HOUR, 10_000 + 20 * MINUTE, 'boot-3')).held.windows).toHaveLength(0);
  });

  it('the wait before a removal runs in honest time: the clock moved forward within a boot does not end it', () => {
    const schedule = held(null, push([{ id: 'lock', startsAt: T0 + 50 * HOUR, endsAt: T0 + 51 * HOUR }], { loosenDelayMs: 2 * HOUR }), first);
    const asked = held(schedule, push([], { loosenDelayMs: 2 * HOUR }), first);
    expect(settleHeld(asked, at(T0 + 40 * HOUR, 1000 + MINUTE)).held.windows).toHaveLength(1);
  });
});

describe('an allowlist window ("only these sites")', () => {
  const now = at(T0, 1000);
  const arxiv = { host: 'arxiv.org', path: '/' };
  const scholar = { host: 'scholar.google.com', path: '/' };
  const allowlist = (sites: { host: string; path: string }[]) => ({ hostnames: [], browserPolicies: true, allowOnly: sites });

  it('is validated as an allowlist lease is: its sites canonical, a bad site or no browser policies refusing the push', () => {
    const schedule = held(null, push([{}], { blocks: [allowlist([{ host: 'ArXiv.org', path: '/' }, arxiv])] }), now);
    expect(schedule.windows[0]?.blocks).toMatchObject({ hostnames: [], browserPolicies: true, allowOnly: [arxiv] });
    expect(decideSchedule(null, push([{}], { blocks: [allowlist([{ host: 'https://arxiv.org', path: '/' }])] }), now)).toMatchObject({ ok: false, code: 'invalid-url-rule' });
    expect(decideSchedule(null, push([{}], { blocks: [{ ...allowlist([arxiv]), browserPolicies: false }] }), now)).toMatchObject({ ok: false, code: 'bad-request' });
  });

  it('keeps a locked allowlist window unless the push keeps the allowlist as narrow', () => {
    const locked = held(null, push([{ id: 'w' }], { blocks: [allowlist([arxiv])] }), now);
    // The same window as an ordinary one, or allowing one more site, is a loosening: the locked one waits.
    for (const looser of [{ hostnames: ['x.com'] }, allowlist([arxiv, scholar])]) {
      const decision = decideSchedule(locked, push([{ id: 'w' }], { blocks: [looser] }), at(T0 + MINUTE, 1000 + MINUTE));
      expect(decision).toMatchObject({ ok: true, pendingRemovals: 1 });
    }
    expect(decideSchedule(locked, push([{ id: 'w' }], { blocks: [{ ...allowlist([arxiv]), hostnames: ['x.com'] }] }), at(T0 + MINUTE, 1000 + MINUTE))).toMatchObject({ ok: true, pendingRemovals: 0 });
  });

  it('running with a session: "only these sites" from either, a site open only if every allowlist allows it', () => {
    const schedule = settleHeld(held(null, push([{}], { blocks: [allowlist([arxiv, scholar])] }), at(T0, 1000)), at(T0 + HOUR, 1000 + HOUR)).held;
    const windows = runningWindowLeases(schedule, at(T0 + HOUR, 1000 + HOUR));
    const session = { sessionId: 's1', endsAt: T0 + HOUR + 10 * MINUTE, mode: 'flexible' as const, hostnames: ['x.com'], browserPolicies: false, urlRules: { block: [], allow: [] }, allowOnly: null, apps: { entries: [], graceMs: 3000, openAppsWaitMs: 0 }, takenAt: at(T0 + HOUR, 1000 + HOUR) };
    expect(combineLeases([session, ...windows])).toMatchObject({ sessionId: 's1', browserPolicies: true, allowOnly: [arxiv, scholar], hostnames: ['x.com'] });
    expect(combineLeases([{ ...session, browserPolicies: true, allowOnly: [scholar, { host: 'x.org', path: '/' }] }, ...windows])?.allowOnly).toEqual([scholar]);
  });
});

describe('combineLeases', () => {
  it('unions a session lease with running windows: every host, the strictest mode, the latest end, the session names it', () => {
    const schedule = settleHeld(held(null, push([{ id: 'lock', blocks: 1 }]), at(T0, 1000)), at(T0 + HOUR, 1000 + HOUR)).held;
    const session = { sessionId: 's1', endsAt: T0 + HOUR + 10 * MINUTE, mode: 'flexible' as const, hostnames: ['x.com'], browserPolicies: false, urlRules: { block: [], allow: [] }, allowOnly: null, apps: { entries: [], graceMs: 3000, openAppsWaitMs: 0 }, takenAt: at(T0 + HOUR, 1000 + HOUR) };
    const combined = combineLeases([session, ...runningWindowLeases(schedule, at(T0 + HOUR, 1000 + HOUR))]);
    expect(combined).toMatchObject({ sessionId: 's1', mode: 'locked', endsAt: T0 + 2 * HOUR, hostnames: ['discord.com', 'www.youtube.com', 'x.com', 'youtube.com'] });
    expect(combineLeases([])).toBeNull();
  });
});

describe('HeldScheduleStore', () => {
  it('saves atomically and privately, loads it back, and treats a corrupt file as none, saying so', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'held-'));
    const store = new HeldScheduleStore(folder);
    expect(await store.load()).toEqual({ held: null });
    const schedule = held(null, push([{}]), at(T0, 1000));
    await store.save(schedule);
    expect(await store.load()).toEqual({ held: schedule });
    writeFileSync(store.path, '{"windows": [');
    expect(await store.load()).toEqual({ held: null, error: 'The held schedule is corrupt; treated as none' });
  });
});
