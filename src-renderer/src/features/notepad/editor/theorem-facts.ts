import type { TheoremNumbering } from '../../../../../src-main/contract/notes';
import type { editorMessages } from './phrases';

/**
 * Theorem-like blocks in pandoc/Quarto fenced-div syntax: what a fence says (its kind, label, title), which fence
 * closes which, and their numbers. Pure and position-free (fences are given in document order, results point back
 * into that list), so the editor's field, both exports and the tests share it.
 */

/** amsthm's three styles, plus the proof: how the header and body are set. */
export type TheoremStyle = 'plain' | 'definition' | 'remark' | 'proof';

export const THEOREM_KINDS = {
  theorem: { prefix: 'thm', style: 'plain' },
  lemma: { prefix: 'lem', style: 'plain' },
  proposition: { prefix: 'prp', style: 'plain' },
  corollary: { prefix: 'cor', style: 'plain' },
  definition: { prefix: 'def', style: 'definition' },
  example: { prefix: 'exm', style: 'definition' },
  remark: { prefix: 'rem', style: 'remark' },
  proof: { prefix: null, style: 'proof' },
} as const satisfies Record<string, { prefix: string | null; style: TheoremStyle }>;

export type TheoremKind = keyof typeof THEOREM_KINDS;
const KIND_NAMES = Object.keys(THEOREM_KINDS) as TheoremKind[];
const kindOfPrefix = new Map(KIND_NAMES.filter((k) => THEOREM_KINDS[k].prefix).map((k) => [THEOREM_KINDS[k].prefix as string, k]));

export type { TheoremNumbering };

/** A fence line as the parser found it: opening ones carry their attribute text. */
export interface Fence {
  /** The text after the colons (`{#thm-main .theorem title="Main"}`), or null for a closing fence. */
  attributes: string | null;
}

export interface DivAttributes {
  id: string | null;
  classes: string[];
  values: Record<string, string>;
}

/** Pandoc's attribute syntax: `{#id .class key=value key="quoted value"}`, or one bare word (a class). */
export function parseDivAttributes(text: string): { ok: true; attributes: DivAttributes } | { ok: false; problem: string } {
  const trimmed = text.trim();
  if (!trimmed.startsWith('{')) {
    if (/^[\w-]+$/.test(trimmed)) return { ok: true, attributes: { id: null, classes: [trimmed], values: {} } };
    return { ok: false, problem: trimmed };
  }
  if (!trimmed.endsWith('}')) return { ok: false, problem: trimmed };
  const body = trimmed.slice(1, -1);
  const attributes: DivAttributes = { id: null, classes: [], values: {} };
  const token = /\s*(?:#([\w:.-]+)|\.([\w-]+)|([\w-]+)=(?:"((?:[^"\\]|\\.)*)"|'([^']*)'|([^\s"'}]+)))/y;
  let at = 0;
  while (at < body.length) {
    if (/^\s*$/.test(body.slice(at))) break;
    token.lastIndex = at;
    const m = token.exec(body);
    if (!m) return { ok: false, problem: body.slice(at).trim() };
    at = token.lastIndex;
    if (m[1] !== undefined) attributes.id ??= m[1];
    else if (m[2] !== undefined) attributes.classes.push(m[2]);
    else attributes.values[m[3]!] = (m[4]?.replace(/\\(.)/g, '$1') ?? m[5] ?? m[6])!;
  }
  return { ok: true, attributes };
}

/** A theorem-like block: its kind by class (`.lemma`) or, without one, by its label's prefix (`#lem-`). */
export interface TheoremBlock {
  kind: TheoremKind;
  label: string | null;
  title: string | null;
  /** Its number as text, or null (proofs, `.unnumbered`). */
  number: string | null;
  /** Index of its opening fence in the fence list, and of the one closing it (null: never closed). */
  open: number;
  close: number | null;
}

/** What is wrong with a fence: the phrase (phrases.ts) and its value, shown on that fence's line. */
export interface FenceIssue {
  fence: number;
  template: TheoremIssueKey;
  value: string;
}
export type TheoremIssueKey = 'divUnclosed' | 'divStrayClose' | 'divBadAttributes' | 'duplicateLabel';

export interface TheoremAnalysis {
  blocks: readonly TheoremBlock[];
  /** Which fence opens or closes which block (opening and closing fences both), for drawing. */
  blockOfFence: ReadonlyMap<number, TheoremBlock>;
  /** Every closing fence that closes something (any div, theorem-like or not), to the opening fence it closes. */
  closes: ReadonlyMap<number, number>;
  /** Opening fences never closed, innermost last. */
  unclosed: readonly number[];
  /** Label → its block; the first wins. */
  labels: ReadonlyMap<string, TheoremBlock>;
  issues: readonly FenceIssue[];
  /** `label=number` of every label: equations that `\ref` a theorem render again only when this changes. */
  labelKey: string;
}

function kindOf(attributes: DivAttributes): TheoremKind | null {
  const byClass = attributes.classes.find((c): c is TheoremKind => c in THEOREM_KINDS);
  if (byClass) return byClass;
  const prefix = attributes.id ? /^([a-z]+)-/.exec(attributes.id)?.[1] : undefined;
  return (prefix && kindOfPrefix.get(prefix)) || null;
}

const attributeCache = new Map<string, ReturnType<typeof parseDivAttributes>>();
function cachedAttributes(text: string): ReturnType<typeof parseDivAttributes> {
  let parsed = attributeCache.get(text);
  if (!parsed) {
    parsed = parseDivAttributes(text);
    if (attributeCache.size >= 2_000) attributeCache.delete(attributeCache.keys().next().value!);
    attributeCache.set(text, parsed);
  }
  return parsed;
}

/**
 * Pairs the fences (a closing fence closes the innermost open div, theorem-like or not, as pandoc does), numbers the
 * theorem-like blocks in document order, and collects labels and problems. Linear in the number of fences.
 */
export function analyzeTheorems(fences: readonly Fence[], numbering: TheoremNumbering): TheoremAnalysis {
  const blocks: TheoremBlock[] = [];
  const blockOfFence = new Map<number, TheoremBlock>();
  const closes = new Map<number, number>();
  const labels = new Map<string, TheoremBlock>();
  const issues: FenceIssue[] = [];
  const counters = new Map<string, number>();
  const open: { fence: number; block: TheoremBlock | null }[] = [];
  fences.forEach((fence, index) => {
    if (fence.attributes === null) {
      const closed = open.pop();
      if (!closed) issues.push({ fence: index, template: 'divStrayClose', value: '' });
      else closes.set(index, closed.fence);
      if (closed?.block) {
        closed.block.close = index;
        blockOfFence.set(index, closed.block);
      }
      return;
    }
    const parsed = cachedAttributes(fence.attributes);
    if (!parsed.ok) {
      issues.push({ fence: index, template: 'divBadAttributes', value: parsed.problem });
      open.push({ fence: index, block: null });
      return;
    }
    const kind = kindOf(parsed.attributes);
    if (!kind) {
      open.push({ fence: index, block: null }); // some other div: pandoc's, not ours
      return;
    }
    const numbered = kind !== 'proof' && !parsed.attributes.classes.includes('unnumbered');
    const counter = numbering === 'shared' ? '' : kind;
    const number = numbered ? (counters.get(counter) ?? 0) + 1 : null;
    if (number !== null) counters.set(counter, number);
    const { id, values } = parsed.attributes;
    const block: TheoremBlock = { kind, label: id, title: values.title ?? values.name ?? null, number: number === null ? null : String(number), open: index, close: null };
    blocks.push(block);
    blockOfFence.set(index, block);
    if (id) {
      if (labels.has(id)) issues.push({ fence: index, template: 'duplicateLabel', value: id });
      else labels.set(id, block);
    }
    open.push({ fence: index, block });
  });
  for (const left of open) issues.push({ fence: left.fence, template: 'divUnclosed', value: '' });
  issues.sort((a, b) => a.fence - b.fence);
  const labelKey = [...labels].map(([name, block]) => `${name}=${block.number ?? ''}`).join('\n');
  return { blocks, blockOfFence, closes, unclosed: open.map((left) => left.fence), labels, issues, labelKey };
}

export type TheoremNameKey = `kind_${TheoremKind}`;
export const kindNameKey = (kind: TheoremKind): TheoremNameKey => `kind_${kind}`;

/** What a reference to a block reads as, and its header: "Theorem 2", "Theorem 2 (Main)." — given a translator. */
export function theoremWords(say: (key: keyof typeof editorMessages.en, values: Record<string, string>) => string) {
  const name = (block: TheoremBlock) => {
    const kind = say(kindNameKey(block.kind), {});
    return block.number ? say('theoremReference', { name: kind, number: block.number }) : kind;
  };
  return {
    reference: name,
    heading: (block: TheoremBlock) =>
      block.title ? say('theoremHeadingTitled', { label: name(block), title: block.title }) : say('theoremHeading', { label: name(block) }),
  };
}
