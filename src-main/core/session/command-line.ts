import { CommitmentMode, EnteredIntent, MAX_SESSION_MINUTES, MIN_SESSION_MINUTES } from '../../contract/session';

/** What a launcher (a terminal, Raycast, Alfred, Shortcuts, a desktop keybinding) asked the app to do. */
export type SessionCommand =
  | { kind: 'start'; minutes: number | null; intent: string | null; mode: CommitmentMode | null }
  /** `mode`: the mode a start takes, when it starts one; absent, the user's default. */
  | { kind: 'toggle'; mode?: CommitmentMode }
  | { kind: 'stop' };

export type CommandLineError =
  | { reason: 'unknown-argument'; argument: string }
  | { reason: 'missing-value'; argument: string }
  | { reason: 'duplicate'; argument: string }
  | { reason: 'conflicting-commands'; argument: string }
  | { reason: 'bad-minutes'; argument: string }
  | { reason: 'bad-mode'; argument: string }
  | { reason: 'link-mode'; argument: string }
  | { reason: 'bad-intent'; argument: string }
  | { reason: 'bad-url'; argument: string };

/** `command: null` is a plain launch: no command given. */
export type ParsedCommand = { ok: true; command: SessionCommand | null } | { ok: false; error: CommandLineError };

export const URL_SCHEME = 'stillroom';
const MAX_URL_LENGTH = 2048;
const LINK_MODE = 'flexible' satisfies CommitmentMode;
const COMMAND_FLAGS = new Set(['--start', '--toggle', '--stop']);

/**
 * Switches Chromium or Electron may put into a second instance's argv *after* ours (Windows reorders them).
 * Before our first command everything is the host's (executable, `.`, the app's path, any switch) and is ignored.
 */
const HOST_SWITCH = /^--(no-sandbox|allow-file-access-from-files|disable-gpu(-sandbox)?|original-process-start-time=.*|(enable|disable)-features=.*|ozone-platform(-hint)?=.*|user-data-dir=.*|lang=.*|remote-debugging-port=\d+|inspect(-brk)?(=.*)?)$/;

/**
 * Reads the app's command from a process argv. Our arguments begin at the first `--start`, `--toggle`, `--stop`
 * or `stillroom:` URL; everything after that must be ours (or a known host switch), so a typo is reported, not
 * silently ignored, and nothing starts.
 */
export function parseArgv(argv: readonly string[]): ParsedCommand {
  const first = argv.findIndex((argument) => COMMAND_FLAGS.has(argument.split('=')[0]!) || isOurUrl(argument));
  if (first === -1) return { ok: true, command: null };
  const args = argv.slice(first).filter((argument) => argument !== '--' && !HOST_SWITCH.test(argument));

  const head = args[0]!;
  if (isOurUrl(head)) {
    if (args.length > 1) return fail('unknown-argument', args[1]!);
    return parseCommandUrl(head);
  }
  const [flag, inline] = splitFlag(head);
  if (flag !== '--start') {
    if (inline !== null) return fail('unknown-argument', head);
    if (args.length > 1) return rest(args[1]!);
    return { ok: true, command: { kind: flag === '--toggle' ? 'toggle' : 'stop' } };
  }

  const values: { minutes?: string; intent?: string; mode?: string } = {};
  let index = 1;
  if (inline !== null) values.minutes = inline;
  else if (args[1] !== undefined && /^[-+]?[\d.]/.test(args[1])) {
    values.minutes = args[1];
    index = 2;
  }
  for (; index < args.length; index++) {
    const argument = args[index]!;
    const [name, value] = splitFlag(argument);
    if (name !== '--intent' && name !== '--mode' && name !== '--minutes') return rest(argument);
    const key = name.slice(2) as keyof typeof values;
    if (values[key] !== undefined) return fail('duplicate', name);
    if (value !== null) values[key] = value;
    // An intent that itself starts with `--` must be given as `--intent=--...`.
    else if (args[index + 1] === undefined || args[index + 1]!.startsWith('--')) return fail('missing-value', name);
    else values[key] = args[++index]!;
  }
  return startCommand(values);
}

/**
 * Reads `stillroom://start?minutes=90&intent=...&mode=flexible`, `stillroom://toggle`, `stillroom://stop`.
 * Any web page can open a link, so a link is not the user's commitment: what it starts is flexible (ended with a
 * confirm), and a link asking for committed or locked is refused; those start in the window.
 */
export function parseCommandUrl(text: string): ParsedCommand {
  if (text.length > MAX_URL_LENGTH || !isOurUrl(text)) return fail('bad-url', text.slice(0, 200));
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return fail('bad-url', text.slice(0, 200));
  }
  // `stillroom://start` puts the action in the host, `stillroom:start` in the path; both are accepted.
  const action = `${url.host}${url.pathname}`.replace(/^\/+|\/+$/g, '').toLowerCase();
  const keys = [...url.searchParams.keys()];
  const duplicate = keys.find((key, index) => keys.indexOf(key) !== index);
  if (duplicate) return fail('duplicate', duplicate);
  if (url.hash || url.username || url.password || url.port) return fail('bad-url', text.slice(0, 200));
  if (action === 'toggle' || action === 'stop') {
    if (keys.length > 0) return fail('unknown-argument', keys[0]!);
    return { ok: true, command: action === 'toggle' ? { kind: action, mode: LINK_MODE } : { kind: action } };
  }
  if (action !== 'start') return fail('bad-url', text.slice(0, 200));
  const unknown = keys.find((key) => key !== 'minutes' && key !== 'intent' && key !== 'mode');
  if (unknown) return fail('unknown-argument', unknown);
  const values: { minutes?: string; intent?: string; mode?: string } = {};
  for (const key of ['minutes', 'intent', 'mode'] as const) {
    const value = url.searchParams.get(key);
    if (value !== null) values[key] = value;
  }
  const parsed = startCommand(values);
  if (!parsed.ok || parsed.command?.kind !== 'start') return parsed;
  const { mode } = parsed.command;
  if (mode !== null && mode !== LINK_MODE) return fail('link-mode', mode);
  return { ok: true, command: { ...parsed.command, mode: LINK_MODE } };
}

function startCommand(values: { minutes?: string; intent?: string; mode?: string }): ParsedCommand {
  let minutes: number | null = null;
  if (values.minutes !== undefined) {
    const text = values.minutes.trim();
    minutes = /^\d{1,3}$/.test(text) ? Number(text) : Number.NaN;
    if (!(minutes >= MIN_SESSION_MINUTES && minutes <= MAX_SESSION_MINUTES)) return fail('bad-minutes', values.minutes.slice(0, 50));
  }
  let mode: CommitmentMode | null = null;
  if (values.mode !== undefined) {
    const parsed = CommitmentMode.safeParse(values.mode.trim().toLowerCase());
    if (!parsed.success) return fail('bad-mode', values.mode.slice(0, 50));
    mode = parsed.data;
  }
  let intent: string | null = null;
  if (values.intent !== undefined) {
    const parsed = EnteredIntent.safeParse(values.intent.trim());
    if (!parsed.success) return fail('bad-intent', values.intent.slice(0, 50));
    intent = parsed.data;
  }
  return { ok: true, command: { kind: 'start', minutes, intent, mode } };
}

const isOurUrl = (argument: string): boolean => argument.toLowerCase().startsWith(`${URL_SCHEME}:`);

function splitFlag(argument: string): [string, string | null] {
  const equals = argument.indexOf('=');
  return argument.startsWith('--') && equals > 0 ? [argument.slice(0, equals), argument.slice(equals + 1)] : [argument, null];
}

/** An extra argument after a command: a second command conflicts, anything else is unknown. */
function rest(argument: string): ParsedCommand {
  const [name] = splitFlag(argument);
  if (COMMAND_FLAGS.has(name) || isOurUrl(argument)) return fail('conflicting-commands', argument.slice(0, 200));
  return fail('unknown-argument', argument.slice(0, 200));
}

function fail(reason: CommandLineError['reason'], argument: string): ParsedCommand {
  return { ok: false, error: { reason, argument } };
}
