import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EnteredIntent } from '../../contract/session';
import { parseArgv, parseCommandUrl, type ParsedCommand } from './command-line';

const start = (minutes: number | null = null, intent: string | null = null, mode: string | null = null): ParsedCommand => ({
  ok: true,
  command: { kind: 'start', minutes, intent, mode } as never,
});
const error = (reason: string, argument: string): ParsedCommand => ({ ok: false, error: { reason, argument } as never });

// What a packaged app, `electron .` in development and a second instance on Windows put before our arguments.
const hosts = [
  ['/Applications/Stillroom.app/Contents/MacOS/Stillroom'],
  ['/usr/lib/electron/electron', '.'],
  ['C:\\Program Files\\Stillroom\\Stillroom.exe', '--allow-file-access-from-files', '--no-sandbox'],
  ['/opt/Stillroom/stillroom', '--enable-features=GlobalShortcutsPortal', '/opt/Stillroom/resources/app.asar'],
];

describe('parseArgv', () => {
  const table: [string[], ParsedCommand][] = [
    [[], { ok: true, command: null }],
    [['--no-sandbox', '--disable-gpu'], { ok: true, command: null }],
    [['--start'], start()],
    [['--start', '90'], start(90)],
    [['--start=50'], start(50)],
    [['--start', '25', '--intent', 'prove Lemma 3', '--mode', 'committed'], start(25, 'prove Lemma 3', 'committed')],
    [['--start', '--intent=read §4.2 证明', '--mode=LOCKED'], start(null, 'read §4.2 证明', 'locked')],
    [['--start', '--mode', 'flexible', '--intent', '  padded  '], start(null, 'padded', 'flexible')],
    [['--start', '--minutes', '120'], start(120)],
    [['--toggle'], { ok: true, command: { kind: 'toggle' } }],
    [['--stop'], { ok: true, command: { kind: 'stop' } }],
    [['--stop', '--no-sandbox', '--original-process-start-time=1234'], { ok: true, command: { kind: 'stop' } }],
    // A link in argv (how Linux and Windows hand one over) is read as a link: flexible sessions only.
    [['--', 'stillroom://start?minutes=25'], start(25, null, 'flexible')],
    [['stillroom://start?minutes=240&mode=locked'], error('link-mode', 'locked')],
    [['stillroom://toggle'], { ok: true, command: { kind: 'toggle', mode: 'flexible' } }],
    // Bad input: a clear error and no command.
    [['--start', '-5'], error('bad-minutes', '-5')],
    [['--start', '0'], error('bad-minutes', '0')],
    [['--start', '4'], error('bad-minutes', '4')],
    [['--start', '241'], error('bad-minutes', '241')],
    [['--start', '99999999999999999999'], error('bad-minutes', '99999999999999999999')],
    [['--start', '90.5'], error('bad-minutes', '90.5')],
    [['--start=1e2'], error('bad-minutes', '1e2')],
    [['--start', 'ninety'], error('unknown-argument', 'ninety')],
    [['--start', '--mode', 'strict'], error('bad-mode', 'strict')],
    [['--start', '--mode'], error('missing-value', '--mode')],
    [['--start', '--intent', '--mode', 'locked'], error('missing-value', '--intent')],
    [['--start', '--intent', 'a\nb'], error('bad-intent', 'a\nb')],
    [['--start', '--intent', 'invoice\u202Efdp.exe'], error('bad-intent', 'invoice\u202Efdp.exe')],
    [['--start', '--intent', 'a\u0000b\u0085'], error('bad-intent', 'a\u0000b\u0085')],
    [['--start', '--intent', 'x'.repeat(201)], error('bad-intent', 'x'.repeat(50))],
    [['--start', '--intent', 'a', '--intent', 'b'], error('duplicate', '--intent')],
    [['--start', '30', '--minutes', '40'], error('duplicate', '--minutes')],
    [['--start', '--verbose'], error('unknown-argument', '--verbose')],
    [['--start', '--stop'], error('conflicting-commands', '--stop')],
    [['--toggle', 'now'], error('unknown-argument', 'now')],
    [['--stop=now'], error('unknown-argument', '--stop=now')],
    [['--toggle', 'stillroom://stop'], error('conflicting-commands', 'stillroom://stop')],
  ];

  it.each(table)('%j', (args, expected) => {
    for (const host of hosts) expect(parseArgv([...host, ...args])).toEqual(expected);
  });

  it('ignores whatever the host put before our first command', () => {
    const hostArgument = fc.string({ maxLength: 30 }).filter((text) => !/^(--(start|toggle|stop)(=|$)|stillroom:)/i.test(text));
    fc.assert(
      fc.property(fc.array(hostArgument, { maxLength: 6 }), fc.integer({ min: 5, max: 240 }), (host, minutes) => {
        expect(parseArgv(host)).toEqual({ ok: true, command: null });
        expect(parseArgv([...host, '--start', String(minutes)])).toEqual(start(minutes));
      }),
    );
  });

  it('never throws, and whatever it accepts is a valid start', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom('--intent', '--mode', '--minutes', 'locked', '45', '-1')), { maxLength: 6 }), (junk) => {
        const parsed = parseArgv(['--start', ...junk]);
        if (!parsed.ok || parsed.command?.kind !== 'start') {
          expect(parsed.ok).toBe(false);
          return;
        }
        const { minutes, intent, mode } = parsed.command;
        expect(minutes === null || (Number.isInteger(minutes) && minutes >= 5 && minutes <= 240)).toBe(true);
        expect(intent === null || EnteredIntent.safeParse(intent).success).toBe(true);
        expect([null, 'flexible', 'committed', 'locked']).toContain(mode);
      }),
    );
  });

  it('accepts every whole number of minutes from 5 to 240 and nothing outside', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1000, max: 1000 }), (minutes) => {
        const parsed = parseArgv(['--start', String(minutes)]);
        if (minutes >= 5 && minutes <= 240) expect(parsed).toEqual(start(minutes));
        else expect(parsed).toEqual(error('bad-minutes', String(minutes)));
      }),
    );
  });
});

describe('parseCommandUrl', () => {
  const table: [string, ParsedCommand][] = [
    // Any web page can open a link, so a link is no one's commitment: it starts flexible sessions only.
    ['stillroom://start', start(null, null, 'flexible')],
    ['stillroom://start?minutes=90', start(90, null, 'flexible')],
    ['stillroom://start/?minutes=25&intent=prove%20Lemma%203&mode=flexible', start(25, 'prove Lemma 3', 'flexible')],
    ['stillroom:start?intent=%E8%AF%81%E6%98%8E', start(null, '证明', 'flexible')],
    ['STILLROOM://Start?mode=Flexible', start(null, null, 'flexible')],
    ['stillroom://start?minutes=240&mode=locked', error('link-mode', 'locked')],
    ['stillroom://start?minutes=25&intent=x&mode=committed', error('link-mode', 'committed')],
    ['stillroom://toggle', { ok: true, command: { kind: 'toggle', mode: 'flexible' } }],
    ['stillroom://stop/', { ok: true, command: { kind: 'stop' } }],
    ['stillroom://start?minutes=-5', error('bad-minutes', '-5')],
    ['stillroom://start?minutes=100000', error('bad-minutes', '100000')],
    ['stillroom://start?minutes=', error('bad-minutes', '')],
    ['stillroom://start?minutes=25&minutes=50', error('duplicate', 'minutes')],
    ['stillroom://start?mode=chill', error('bad-mode', 'chill')],
    ['stillroom://start?intent=a%0Ab', error('bad-intent', 'a\nb')],
    ['stillroom://start?intent=%E2%80%AEfdp.exe', error('bad-intent', '\u202Efdp.exe')],
    ['stillroom://start?intent=a%0Bb', error('bad-intent', 'a\u000Bb')],
    ['stillroom://start?volume=11', error('unknown-argument', 'volume')],
    ['stillroom://stop?force=1', error('unknown-argument', 'force')],
    ['stillroom://delete-everything', error('bad-url', 'stillroom://delete-everything')],
    ['stillroom://start#x', error('bad-url', 'stillroom://start#x')],
    ['stillroom://user:pw@start', error('bad-url', 'stillroom://user:pw@start')],
    ['https://example.com/start', error('bad-url', 'https://example.com/start')],
    ['stillroom://', error('bad-url', 'stillroom://')],
    [`stillroom://start?intent=${'x'.repeat(3000)}`, error('bad-url', `stillroom://start?intent=${'x'.repeat(200 - 25)}`)],
  ];

  it.each(table)('%s', (url, expected) => {
    expect(parseCommandUrl(url)).toEqual(expected);
  });

  it('carries any intent the start form takes through a URL unchanged (trimmed)', () => {
    const oneLine = fc.string({ maxLength: 200, unit: 'grapheme' }).filter((text) => EnteredIntent.safeParse(text.trim()).success);
    fc.assert(
      fc.property(oneLine, fc.integer({ min: 5, max: 240 }), (intent, minutes) => {
        const url = `stillroom://start?${new URLSearchParams({ minutes: String(minutes), intent, mode: 'flexible' })}`;
        expect(parseCommandUrl(url)).toEqual(start(minutes, intent.trim(), 'flexible'));
      }),
    );
  });

  it('never throws on junk and never starts from a URL that is not ours', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 100 }), (junk) => {
        const parsed = parseCommandUrl(junk);
        if (parsed.ok) expect(junk.toLowerCase().startsWith('stillroom:')).toBe(true);
      }),
    );
  });
});
