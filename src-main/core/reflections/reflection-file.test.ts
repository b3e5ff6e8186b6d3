import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { MAX_PARKED_THOUGHTS, MAX_THOUGHT_LENGTH } from '../../contract/session';
import { FRONT_MATTER_MAX_BYTES, FRONT_MATTER_MAX_NODES, nodeBound } from './front-matter-bounds';
import { migrateFrontMatter, REFLECTION_FILE_VERSION } from './front-matter-migrations';
import { formatReflection, parseReflection, type ReflectionRecord } from './reflection-file';
import { recordFor } from '../../../test-support/reflection-fixtures';

const answered: ReflectionRecord = recordFor(
  {
    status: 'reflected',
    reflectedAt: Date.UTC(2026, 11, 3, 9, 25),
    answers: {
      outcome: 'partly',
      depth: 4,
      moved: 'Reduced it to $\\sum_{k} a_k < \\infty$.\n\n- one: "quoted", with commas\n- 两个：中文也行',
      next: '## not a heading of ours\nCheck the case `n = 0`.',
      tags: ['analysis', '数学', 'thesis/ch-2'],
    },
  },
  {
    intent: 'no: "yes" # not a comment',
    ending: 'ended-early',
    earlyEndReason: 'a call: the landlord',
    protections: [
      { id: 'blocking', state: 'active', detail: { localServerPorts: [] } },
      { id: 'notifications', state: 'unavailable', unavailable: { reason: 'unknown-server', name: 'xfce' } },
    ],
    notes: [
      { name: 'Lemma 3.md', title: 'Lemma 3', formulasAdded: 12, formulasChanged: 2 },
      { name: 'Old.md', title: 'Old', formulasAdded: null, formulasChanged: null },
    ],
  },
);

describe('reflection file', () => {
  it('round-trips every field through the file text', () => {
    const text = formatReflection(answered);
    const parsed = parseReflection(text);
    expect(parsed).toEqual({ ok: true, record: answered, extra: {} });
  });

  it('writes front matter Dataview reads: plain keys, ISO dates, a tags list, the version', () => {
    const text = formatReflection(answered);
    const front = parse(text.split('---\n')[1]!) as Record<string, unknown>;
    expect(front).toMatchObject({
      version: REFLECTION_FILE_VERSION,
      start: '2026-12-03T08:30:00.000Z',
      end: '2026-12-03T09:20:00.000Z',
      outcome: 'partly',
      depth: 4,
      tags: ['analysis', '数学', 'thesis/ch-2'],
      status: 'reflected',
      reason: 'a call: the landlord',
    });
    expect(text).toContain("## What moved\n\nReduced it to");
    expect(text).toContain("## What's next\n\n## not a heading of ours");
  });

  it('keeps keys another editor added, and reads a body without our headings as "What moved"', () => {
    const text = formatReflection(recordFor(), { aliases: ['lemma'], cssclasses: 'wide' });
    const parsed = parseReflection(text.replace(/\n## What moved[\s\S]*$/, '\nJust some words.\n'));
    expect(parsed.ok && parsed.extra).toEqual({ aliases: ['lemma'], cssclasses: 'wide' });
    expect(parsed.ok && parsed.record.answers).toMatchObject({ moved: 'Just some words.', next: '' });
  });

  it('reads a version 0 file (no version key) through the migration', () => {
    const text = formatReflection(recordFor()).replace(/^version: 5\n/m, '');
    expect(text).not.toContain('version:');
    expect(parseReflection(text)).toMatchObject({ ok: true, record: recordFor() });
  });

  it('reads a version 1 file: its notes were not counted, so their formulas are null, not 0', () => {
    const v1 = [
      '---',
      'version: 1',
      'session: s1',
      'intent: Lemma 3',
      'start: "2026-12-03T08:30:00.000Z"',
      'end: "2026-12-03T09:20:00.000Z"',
      'planned: 50',
      'actual: 50',
      'mode: committed',
      'ending: completed',
      'status: pending',
      'notes:',
      '  - name: Lemma 3.md',
      '    title: Lemma 3',
      '---',
      '',
    ].join('\n');
    const parsed = parseReflection(v1);
    expect(parsed.ok && parsed.record.facts.notes).toEqual([{ name: 'Lemma 3.md', title: 'Lemma 3', formulasAdded: null, formulasChanged: null }]);
    // Written again, it is a current file with the nulls spelled out.
    const rewritten = formatReflection(parsed.ok ? parsed.record : recordFor());
    expect(rewritten).toMatch(/^version: 5$/m);
    expect(rewritten).toContain('formulasAdded: null');
    expect(rewritten).toMatch(/^reached: null$/m);
  });

  it('reports what is wrong with a malformed file instead of throwing', () => {
    const good = formatReflection(recordFor());
    expect(parseReflection('just text')).toMatchObject({ ok: false, reason: 'no-front-matter' });
    expect(parseReflection('---\nsession: [unclosed\n---\n')).toMatchObject({ ok: false, reason: 'bad-yaml' });
    expect(parseReflection('---\n- a list\n---\n')).toMatchObject({ ok: false, reason: 'bad-fields' });
    expect(parseReflection(good.replace('depth: null', 'depth: 9'))).toMatchObject({ ok: false, reason: 'bad-fields', detail: expect.stringContaining('depth') });
    expect(parseReflection(good.replace('start: "2026', 'start: "yesterday 2026'))).toMatchObject({ ok: false, reason: 'bad-fields' });
    expect(parseReflection(good.replace('version: 5', 'version: 7'))).toMatchObject({ ok: false, reason: 'newer-version' });
    expect(parseReflection(good.replace('version: 5', 'version: one'))).toMatchObject({ ok: false, reason: 'bad-fields' });
    expect(parseReflection(good.replace('session:', 'session: x\nsession:'))).toMatchObject({ ok: false, reason: 'bad-yaml' });
    // A billion laughs: aliases are capped, so a small file cannot expand into gigabytes.
    const bomb = '---\na: &a [x,x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]\n---\n';
    expect(parseReflection(bomb)).toMatchObject({ ok: false });
  });

  it('refuses front matter past its caps before parsing it, in milliseconds and little memory', () => {
    // 20,000 distinct keys: checking each against the others took seconds (60,000 took half a minute).
    const keys = `---\n${Array.from({ length: 20_000 }, (_, index) => `k${index}: ${index}`).join('\n')}\n---\n`;
    const long = `---\n${formatReflection(recordFor()).split('---\n')[1]}aliases: "${'x'.repeat(600 * 1024)}"\n---\n`;
    for (const [text, detail] of [
      [keys, 'entries'],
      [long, 'KiB'],
    ] as const) {
      const heapBefore = process.memoryUsage().heapUsed;
      const started = performance.now();
      const parsed = parseReflection(text);
      const elapsed = performance.now() - started;
      expect(parsed).toMatchObject({ ok: false, reason: 'too-large', detail: expect.stringContaining(detail) });
      expect(elapsed).toBeLessThan(250);
      expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(32 * 1024 * 1024);
    }
  });

  it('reads the largest front matter Stillroom writes (200 notes, 200 sites, 2,000 reaches, 50 thoughts) well inside the caps', () => {
    const notes = Array.from({ length: 200 }, (_, index) => ({ name: `${'證'.repeat(60)} ${index}.md`, title: `${'证明'.repeat(95)}, ${index}`, formulasAdded: 999_999, formulasChanged: 999_999 }));
    const reached = Array.from({ length: 200 }, (_, index) => ({ host: `${'a'.repeat(240)}${index}.com`, count: 999_999, times: Array.from({ length: 10 }, (_, time) => 1_733_000_000_000 + time) }));
    const thoughts = Array.from({ length: MAX_PARKED_THOUGHTS }, (_, index) => ({ text: `${'念'.repeat(MAX_THOUGHT_LENGTH - 3)}${index}`, at: 1_733_000_000_000 + index, note: `${'念'.repeat(60)} ${index}.md` }));
    const record = recordFor({ answers: { outcome: 'yes', depth: 5, moved: '', next: '', tags: Array.from({ length: 12 }, (_, index) => `${'标'.repeat(38)}${index}`) } }, { intent: '意'.repeat(200), notes, reached, thoughts });
    const text = formatReflection(record, { aliases: ['lemma'], cssclasses: 'wide' });
    const front = text.slice(4, text.indexOf('\n---\n'));
    // The sizes front-matter-bounds.ts names: 305 KiB and 7,828 nodes, each about half its cap.
    expect(Buffer.byteLength(front, 'utf8')).toBeLessThan(FRONT_MATTER_MAX_BYTES * 0.6);
    expect(nodeBound(front)).toBeLessThan(FRONT_MATTER_MAX_NODES * 0.6);
    const started = performance.now();
    expect(parseReflection(text)).toMatchObject({ ok: true, record });
    expect(performance.now() - started).toBeLessThan(3000);
  });

  it('still refuses a key given twice, at any depth, and reads tags only as plain values', () => {
    const good = formatReflection(recordFor({}, { notes: [{ name: 'A.md', title: 'A', formulasAdded: 1, formulasChanged: 0 }] }));
    expect(parseReflection(good.replace('    title: A', '    title: A\n    title: B'))).toMatchObject({ ok: false, reason: 'bad-yaml' });
    expect(parseReflection(good.replace('cssclasses', 'x').replace('status:', 'extra: 1\nextra: 2\nstatus:'))).toMatchObject({ ok: false, reason: 'bad-yaml' });
    // A tag names no code to run: an unknown one leaves the plain text, a wrong type is refused.
    const tagged = parseReflection(good.replace('status: pending', 'status: pending\nexploit: !!js/function "function () { return 1 }"\nother: !custom "x"'));
    expect(tagged).toMatchObject({ ok: true, extra: { exploit: 'function () { return 1 }', other: 'x' } });
    expect(parseReflection(good.replace('planned: 50', 'planned: !!str 50'))).toMatchObject({ ok: false, reason: 'bad-fields' });
  });
});

describe('front matter migrations', () => {
  it('brings version 0 to the current version, purely', () => {
    const document = { session: 's1' };
    expect(migrateFrontMatter(document)).toEqual({ kind: 'migrated', document: { session: 's1', version: 5, reached: null, thoughts: [], scheduled: false }, from: 0 });
    expect(document).toEqual({ session: 's1' });
    expect(migrateFrontMatter({ version: 5 })).toEqual({ kind: 'current', document: { version: 5 } });
  });

  it('version 1 to 2: each note gets null counts, counts already there and odd entries stay as they are', () => {
    const notes = [{ name: 'A.md', title: 'A' }, { name: 'B.md', title: 'B', formulasAdded: 3 }, 'not a map'];
    const document = { version: 1, notes };
    expect(migrateFrontMatter(document)).toEqual({
      kind: 'migrated',
      from: 1,
      document: {
        version: 5,
        reached: null,
        thoughts: [],
        scheduled: false,
        notes: [
          { name: 'A.md', title: 'A', formulasAdded: null, formulasChanged: null },
          { name: 'B.md', title: 'B', formulasAdded: 3, formulasChanged: null },
          'not a map',
        ],
      },
    });
    expect(notes[0]).toEqual({ name: 'A.md', title: 'A' });
  });

  it('version 2 to 3: the session was not counted, so reached is null; a reached list already there stays', () => {
    expect(migrateFrontMatter({ version: 2, session: 's1' })).toEqual({ kind: 'migrated', from: 2, document: { version: 5, session: 's1', reached: null, thoughts: [], scheduled: false } });
    const counted = [{ host: 'bilibili.com', count: 2, times: [1, 2] }];
    expect(migrateFrontMatter({ version: 2, reached: counted })).toMatchObject({ document: { version: 5, reached: counted } });
  });

  it('version 3 to 4: no thought was parked before, so thoughts is empty; a list already there stays', () => {
    expect(migrateFrontMatter({ version: 3, session: 's1' })).toEqual({ kind: 'migrated', from: 3, document: { version: 5, session: 's1', thoughts: [], scheduled: false } });
    const thoughts = [{ text: 'reply to Li', at: 1, note: null }];
    expect(migrateFrontMatter({ version: 3, thoughts })).toMatchObject({ document: { version: 5, thoughts } });
  });

  it('version 4 to 5: no session ran for a schedule window before; a flag already there stays', () => {
    expect(migrateFrontMatter({ version: 4, session: 's1' })).toEqual({ kind: 'migrated', from: 4, document: { version: 5, session: 's1', scheduled: false } });
    expect(migrateFrontMatter({ version: 4, scheduled: true })).toMatchObject({ document: { version: 5, scheduled: true } });
  });

  it('keeps whether the session was scheduled through a write and a read', () => {
    const parsed = parseReflection(formatReflection(recordFor({}, { scheduled: true })));
    expect(parsed).toMatchObject({ ok: true, record: { facts: { scheduled: true } } });
  });

  it('keeps the reach counts through a write and a read', () => {
    const reached = [
      { host: 'bilibili.com', count: 7, times: [Date.UTC(2026, 11, 3, 8, 40), Date.UTC(2026, 11, 3, 8, 55)] },
      { host: 'www.youtube.com', count: 1, times: [Date.UTC(2026, 11, 3, 9, 1)] },
    ];
    const text = formatReflection(recordFor({}, { reached }));
    expect(text).toContain('reached:\n  - host: bilibili.com\n    count: 7\n');
    expect(parseReflection(text)).toMatchObject({ ok: true, record: { facts: { reached } } });
    expect(parseReflection(formatReflection(recordFor({}, { reached: [] })))).toMatchObject({ ok: true, record: { facts: { reached: [] } } });
  });

  it('runs numbered steps in order and refuses a gap', () => {
    const steps = [
      { from: 0, migrate: (d: Record<string, unknown>) => ({ ...d, version: 1, trail: 'a' }) },
      { from: 1, migrate: (d: Record<string, unknown>) => ({ ...d, version: 2, trail: `${String(d.trail)}b` }) },
    ];
    expect(migrateFrontMatter({}, steps, 2)).toMatchObject({ kind: 'migrated', document: { version: 2, trail: 'ab' } });
    expect(migrateFrontMatter({}, [steps[1]!], 2)).toEqual({ kind: 'invalid', reason: 'no migration from version 0' });
    expect(migrateFrontMatter({ version: -1 })).toMatchObject({ kind: 'invalid' });
  });
});
