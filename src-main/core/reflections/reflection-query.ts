import type { ReflectionEntry, ReflectionQuery } from '../../contract/reflections';
import type { IndexedEntry } from './reflection-index';
import { localDateOf } from './zoned-calendar';

// Both are derived from immutable index entries, so they are computed once per entry (and zone) and kept.
const days = new WeakMap<IndexedEntry, { zone: string; day: string }>();
const haystacks = new WeakMap<IndexedEntry, string>();

/** The local day of the entry's start in `timeZone`. */
export function dayOf(entry: IndexedEntry, timeZone: string): string {
  const known = days.get(entry);
  if (known?.zone === timeZone) return known.day;
  const day = localDateOf(entry.record.facts.startedAt, timeZone);
  days.set(entry, { zone: timeZone, day });
  return day;
}

function haystackOf(entry: IndexedEntry): string {
  let text = haystacks.get(entry);
  if (text === undefined) {
    const { facts, answers } = entry.record;
    text = [facts.intent, answers.moved, answers.next, facts.earlyEndReason ?? '', ...answers.tags.map((tag) => `#${tag}`)].join('\n').toLocaleLowerCase();
    haystacks.set(entry, text);
  }
  return text;
}

/** Every given criterion must hold; the text matches when each of its words appears somewhere in the entry. */
export function matchesQuery(entry: IndexedEntry, query: ReflectionQuery, timeZone: string): boolean {
  const { record } = entry;
  if (query.status && !query.status.includes(record.status)) return false;
  if (query.tag && !record.answers.tags.some((tag) => tag.toLocaleLowerCase() === query.tag!.toLocaleLowerCase())) return false;
  if (query.outcomes && (record.answers.outcome === null || !query.outcomes.includes(record.answers.outcome))) return false;
  if (query.depthMin !== undefined && (record.answers.depth === null || record.answers.depth < query.depthMin)) return false;
  if (query.depthMax !== undefined && (record.answers.depth === null || record.answers.depth > query.depthMax)) return false;
  if (query.from !== undefined || query.to !== undefined) {
    const day = dayOf(entry, timeZone);
    if (query.from !== undefined && day < query.from) return false;
    if (query.to !== undefined && day > query.to) return false;
  }
  const words = (query.text ?? '').toLocaleLowerCase().split(/\s+/).filter(Boolean);
  if (words.length > 0) {
    const haystack = haystackOf(entry);
    if (!words.every((word) => haystack.includes(word))) return false;
  }
  return true;
}

export function entryOf(indexed: IndexedEntry, timeZone: string): ReflectionEntry {
  const { record } = indexed;
  return {
    facts: record.facts,
    answers: record.answers,
    status: record.status,
    reflectedAt: record.reflectedAt,
    path: indexed.path,
    version: indexed.version,
    day: dayOf(indexed, timeZone),
  };
}
