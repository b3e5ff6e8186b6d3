import { isIP } from 'node:net';
import type { AppLineRejection, DomainRejection, ExportFormat } from '../../contract/blocking';
import { APP_LINE_PREFIX, MAX_REPORTED_REJECTIONS } from '../../contract/blocking';
import { OwnAppKind, type OwnApp } from '../../contract/apps';
import { checkOwnAppRule } from '../apps/apps-service';
import { formatDomainRule, parseDomainRule, type DomainRule } from './domain-rule';

export type RejectedEntry =
  | { readonly line: number; readonly text: string; readonly reason: DomainRejection }
  | { readonly line: number; readonly text: string; readonly app: true; readonly reason: AppLineRejection };

export interface ParsedList {
  /** Valid rules in order of first appearance, deduplicated. */
  readonly rules: DomainRule[];
  /** Valid app lines (`app:<kind> <rule>`) in their checked form, in order, deduplicated. */
  readonly apps: OwnApp[];
  /** System lines of a hosts file (localhost and friends): not blocks, not errors. */
  readonly ignored: number;
  /** At most MAX_REPORTED_REJECTIONS, in line order; `rejectedTotal` counts them all. */
  readonly rejected: RejectedEntry[];
  readonly rejectedTotal: number;
}

/** Addresses that mean "this name goes nowhere" in the blocklists people share (StevenBlack, SelfControl, ours). */
const BLOCK_ADDRESSES = new Set(['0.0.0.0', '127.0.0.1', '::', '::1', '0:0:0:0:0:0:0:0']);
/** Names every hosts file carries for the machine itself; an imported list must not block them. */
const SYSTEM_NAMES = new Set([
  'localhost',
  'localhost.localdomain',
  'local',
  'broadcasthost',
  'ip6-localhost',
  'ip6-loopback',
  'ip6-localnet',
  'ip6-mcastprefix',
  'ip6-allnodes',
  'ip6-allrouters',
  'ip6-allhosts',
  '0.0.0.0',
]);
const MAX_REPORTED_TEXT = 200;

/** `app:path`, `app:appimage`…: the kind, matched without regard to case. */
const KIND_BY_NAME = new Map(OwnAppKind.options.map((kind) => [kind.toLowerCase(), kind]));

/**
 * Reads a list in either format, line by line: plain text (one domain a line) or hosts-file lines
 * (`0.0.0.0 a.com b.com`). `#` starts a comment anywhere, except in an app line (`app:<kind> <rule>`, the user's
 * own apps, checked by the one app-rule validator), whose rule is the rest of the line. Each bad entry is reported
 * with its line and reason.
 */
export function parseBlocklistText(text: string): ParsedList {
  const rules = new Map<string, DomainRule>();
  const apps = new Map<string, OwnApp>();
  const rejected: RejectedEntry[] = [];
  let rejectedTotal = 0;
  let ignored = 0;
  const reject = (line: number, entry: string, reason: DomainRejection) => {
    rejectedTotal += 1;
    if (rejected.length < MAX_REPORTED_REJECTIONS) rejected.push({ line, text: entry.slice(0, MAX_REPORTED_TEXT), reason });
  };
  const rejectApp = (line: number, entry: string, reason: AppLineRejection) => {
    rejectedTotal += 1;
    if (rejected.length < MAX_REPORTED_REJECTIONS) rejected.push({ line, text: entry.slice(0, MAX_REPORTED_TEXT), app: true, reason });
  };
  const acceptApp = (line: number, content: string) => {
    const marker = /^app:(\S*)\s*/i.exec(content)!;
    const kind = KIND_BY_NAME.get(marker[1]!.toLowerCase());
    if (kind === undefined) return rejectApp(line, content, 'unknown-app-kind');
    const checked = checkOwnAppRule(kind, content.slice(marker[0].length));
    if (!checked.ok) return rejectApp(line, content, checked.reason);
    const key = `${kind}:${checked.rule}`;
    if (!apps.has(key)) apps.set(key, { kind, rule: checked.rule });
  };
  const accept = (line: number, entry: string, inHostsLine: boolean) => {
    const parsed = parseDomainRule(entry);
    if (!parsed.ok) return reject(line, entry, parsed.reason);
    // A hosts line names hosts; a path there is a mistake, not a rule the file could ever have enforced.
    if (inHostsLine && parsed.rule.path !== null) return reject(line, entry, 'has-scheme-or-path');
    const key = formatDomainRule(parsed.rule);
    if (!rules.has(key)) rules.set(key, parsed.rule);
  };

  text.split(/\r\n|\r|\n|\u2028|\u2029/).forEach((raw, index) => {
    const line = index + 1;
    const whole = raw.trim();
    if (whole.toLowerCase().startsWith(APP_LINE_PREFIX)) return acceptApp(line, whole);
    const content = stripComment(raw).trim();
    if (content === '') return;
    const tokens = content.split(/\s+/);
    const first = tokens[0] ?? '';
    if (tokens.length === 1 || isIP(first) === 0) return accept(line, content, false);
    if (!BLOCK_ADDRESSES.has(first)) return reject(line, content, 'not-a-block-address');
    for (const name of tokens.slice(1)) {
      if (SYSTEM_NAMES.has(name.toLowerCase())) ignored += 1;
      else accept(line, name, true);
    }
  });
  return { rules: [...rules.values()], apps: [...apps.values()], ignored, rejected, rejectedTotal };
}

/**
 * The user's list as a file: plain text keeps each rule as written (`*.` and paths included), then the user's own
 * apps as app lines; a hosts file has no wildcards and no paths, so it gets the expanded hostnames of the whole-site
 * rules, each as a `0.0.0.0` and a `::` line (a path rule is left out: only a browser can enforce it), and no apps
 * (it is for programs that read hosts files, which know nothing of apps).
 */
export function formatBlocklistText(format: ExportFormat, rules: readonly DomainRule[], expand: (rule: DomainRule) => string[], apps: readonly OwnApp[] = []): string {
  if (format === 'plain') {
    const appLines = apps.length === 0 ? [] : ['# Your own apps, closed during a session: "app:" and how the app is recognised, then the rest of the line.', ...apps.map(formatAppLine)];
    return ['# Stillroom blocklist: one site a line; "*." also means every subdomain; a path blocks that part only.', ...rules.map(formatDomainRule), ...appLines, ''].join('\n');
  }
  const hosts = [...new Set(rules.filter((rule) => rule.path === null).flatMap(expand))];
  return ['# Stillroom blocklist in hosts-file format.', ...hosts.flatMap((host) => [`0.0.0.0 ${host}`, `:: ${host}`]), ''].join('\n');
}

function formatAppLine({ kind, rule }: OwnApp): string {
  return `${APP_LINE_PREFIX}${kind} ${rule}`;
}

function stripComment(line: string): string {
  const hash = line.indexOf('#');
  return hash === -1 ? line : line.slice(0, hash);
}
