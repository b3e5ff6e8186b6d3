import { parseDocument, stringify } from 'yaml';
import { z } from 'zod';
import { ProtectionStatus } from '../../contract/protection';
import {
  ReachedHost,
  REACHED_MAX_HOSTS,
  ReflectionAnswers,
  ReflectionFacts,
  ReflectionNoteRef,
  ReflectionStatus,
  ReflectionTag,
  ReflectionThought,
  type UnreadableReflection,
} from '../../contract/reflections';
import { CommitmentMode, EarlyEndReason, Intent, MAX_PARKED_THOUGHTS, SessionId } from '../../contract/session';
import { frontMatterOverCaps, repeatedKey } from './front-matter-bounds';
import { REFLECTION_FILE_VERSION, migrateFrontMatter } from './front-matter-migrations';

/** One reflection as the core holds it (and as the index cache and JSON exports carry it). */
export const ReflectionRecord = z
  .object({ facts: ReflectionFacts, answers: ReflectionAnswers, status: ReflectionStatus, reflectedAt: z.number().int().min(0).max(8.64e15).nullable() })
  .strict();
export type ReflectionRecord = z.infer<typeof ReflectionRecord>;

const MOVED_HEADING = '## What moved';
const NEXT_HEADING = "## What's next";

const IsoInstant = z.iso.datetime({ offset: true, local: true }).transform((text) => Date.parse(text));
const Minutes = z.number().int().min(0).max(100_000);

/**
 * The front matter as written: flat keys Dataview reads (`start`, `outcome`, `depth`, `tags` ...), ISO instants,
 * and the lists that cannot be flat (protections, notes, reached) as lists of small maps. The free text is the body.
 */
const FrontMatter = z
  .object({
    version: z.literal(REFLECTION_FILE_VERSION),
    session: SessionId,
    intent: Intent,
    start: IsoInstant,
    end: IsoInstant,
    planned: Minutes,
    actual: Minutes,
    mode: CommitmentMode,
    ending: z.enum(['completed', 'ended-early']),
    reason: EarlyEndReason.nullable().default(null),
    status: ReflectionStatus,
    reflected: IsoInstant.nullable().default(null),
    outcome: ReflectionAnswers.shape.outcome.default(null),
    depth: ReflectionAnswers.shape.depth.default(null),
    tags: z.array(ReflectionTag).nullable().default([]),
    protections: z.array(ProtectionStatus).max(8).nullable().default([]),
    notes: z.array(ReflectionNoteRef).max(200).nullable().default([]),
    reached: z.array(ReachedHost).max(REACHED_MAX_HOSTS).nullable().default(null),
    thoughts: z.array(ReflectionThought).max(MAX_PARKED_THOUGHTS).nullable().default([]),
    scheduled: z.boolean().default(false),
  })
  // Obsidian users add their own keys (aliases, cssclasses); they are left alone and kept on edits.
  .loose();

export type ParsedReflection =
  | { ok: true; record: ReflectionRecord; extra: Record<string, unknown> }
  | { ok: false; reason: UnreadableReflection['reason']; detail: string };

const FENCE = /^---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/;

/** Reads a reflection file's text; anything that is not one comes back as a reason, never as an exception. */
export function parseReflection(text: string): ParsedReflection {
  const match = FENCE.exec(text.startsWith('\uFEFF') ? text.slice(1) : text);
  if (!match) return { ok: false, reason: 'no-front-matter', detail: 'the file does not start with a --- front matter block' };
  const overCaps = frontMatterOverCaps(match[1]!);
  if (overCaps) return { ok: false, reason: 'too-large', detail: overCaps };
  // Keys are checked for repeats below, in one pass; the library's check is quadratic in the keys of a map.
  const yaml = parseDocument(match[1]!, { prettyErrors: false, uniqueKeys: false });
  if (yaml.errors.length > 0) return { ok: false, reason: 'bad-yaml', detail: yaml.errors[0]!.message.slice(0, 500) };
  const repeated = repeatedKey(yaml);
  if (repeated !== null) return { ok: false, reason: 'bad-yaml', detail: `the key ${repeated} is given twice` };
  let raw: unknown;
  try {
    // Aliases are capped, so a few lines of `&a [*a, *a ...]` cannot expand into gigabytes.
    raw = yaml.toJS({ maxAliasCount: 50 });
  } catch (error) {
    return { ok: false, reason: 'bad-yaml', detail: String(error).slice(0, 500) };
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { ok: false, reason: 'bad-fields', detail: 'the front matter is not a set of keys' };
  }
  const migrated = migrateFrontMatter(raw as Record<string, unknown>);
  if (migrated.kind === 'newer') return { ok: false, reason: 'newer-version', detail: `written by a newer Stillroom (version ${migrated.version})` };
  if (migrated.kind === 'invalid') return { ok: false, reason: 'bad-fields', detail: migrated.reason };
  const parsed = FrontMatter.safeParse(migrated.document);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, reason: 'bad-fields', detail: `${issue?.path.join('.') || '(front matter)'}: ${issue?.message ?? 'invalid'}`.slice(0, 500) };
  }
  const front = parsed.data;
  const body = bodySections(text.slice((text.startsWith('\uFEFF') ? 1 : 0) + match[0].length));
  const answers = ReflectionAnswers.safeParse({
    outcome: front.outcome,
    depth: front.depth,
    moved: body.moved,
    next: body.next,
    tags: [...new Set(front.tags ?? [])],
  });
  if (!answers.success) {
    const issue = answers.error.issues[0];
    return { ok: false, reason: 'bad-fields', detail: `${issue?.path.join('.') || '(body)'}: ${issue?.message ?? 'invalid'}`.slice(0, 500) };
  }
  const facts = ReflectionFacts.safeParse({
    sessionId: front.session,
    intent: front.intent,
    startedAt: front.start,
    endedAt: front.end,
    plannedMinutes: front.planned,
    actualMinutes: front.actual,
    mode: front.mode,
    ending: front.ending,
    earlyEndReason: front.reason,
    protections: front.protections ?? [],
    notes: front.notes ?? [],
    reached: front.reached,
    thoughts: front.thoughts ?? [],
    scheduled: front.scheduled,
  });
  if (!facts.success) return { ok: false, reason: 'bad-fields', detail: facts.error.issues[0]?.message ?? 'invalid facts' };
  const known = new Set(Object.keys(FrontMatter.shape));
  const extra = Object.fromEntries(Object.entries(front).filter(([key]) => !known.has(key)));
  return { ok: true, record: { facts: facts.data, answers: answers.data, status: front.status, reflectedAt: front.reflected }, extra };
}

/**
 * The file's text: front matter, then the two answers under their headings. `extra` keeps keys the user added
 * in another editor, after ours.
 */
export function formatReflection(record: ReflectionRecord, extra: Record<string, unknown> = {}): string {
  const { facts, answers } = record;
  const front = {
    version: REFLECTION_FILE_VERSION,
    session: facts.sessionId,
    intent: facts.intent,
    start: new Date(facts.startedAt).toISOString(),
    end: new Date(facts.endedAt).toISOString(),
    planned: facts.plannedMinutes,
    actual: facts.actualMinutes,
    mode: facts.mode,
    ending: facts.ending,
    reason: facts.earlyEndReason,
    status: record.status,
    reflected: record.reflectedAt === null ? null : new Date(record.reflectedAt).toISOString(),
    outcome: answers.outcome,
    depth: answers.depth,
    tags: answers.tags,
    protections: facts.protections,
    notes: facts.notes,
    reached: facts.reached,
    thoughts: facts.thoughts,
    scheduled: facts.scheduled,
    ...extra,
  };
  // Written so YAML 1.1 readers agree too: `no`, `on` and timestamps as strings get quotes (1.2 reads them the same).
  const yaml = stringify(front, { version: '1.1', lineWidth: 0 });
  return `---\n${yaml}---\n\n${MOVED_HEADING}\n\n${section(answers.moved)}${NEXT_HEADING}\n\n${section(answers.next)}`;
}

const section = (text: string): string => (text.trim() === '' ? '' : `${text.trim()}\n\n`);

/** The answers under our two headings; a body without them (written elsewhere) is all "What moved". */
function bodySections(body: string): { moved: string; next: string } {
  const lines = body.split(/\r?\n/);
  const movedAt = lines.findIndex((line) => line.trimEnd() === MOVED_HEADING);
  const nextAt = lines.findIndex((line, index) => index > movedAt && line.trimEnd() === NEXT_HEADING);
  if (movedAt === -1 && nextAt === -1) return { moved: body.trim(), next: '' };
  const movedEnd = nextAt === -1 ? lines.length : nextAt;
  const moved = movedAt === -1 ? lines.slice(0, movedEnd) : lines.slice(movedAt + 1, movedEnd);
  const next = nextAt === -1 ? [] : lines.slice(nextAt + 1);
  return { moved: moved.join('\n').trim(), next: next.join('\n').trim() };
}
