import { syntaxTree } from '@codemirror/language';
import { Facet, MapMode, StateField, type EditorState, type Transaction } from '@codemirror/state';
import { DivNode } from '../../../../../src-shared/markdown/fenced-div-syntax';
import { dirtySpans, mergeSpans, topLevelStart, type Span } from './math-ranges';
import type { TheoremNumbering } from '../../../../../src-main/contract/notes';
import { analyzeTheorems, type Fence, type TheoremAnalysis, type TheoremBlock } from './theorem-facts';

/** How theorem-like blocks are numbered (the editor setting; index.ts provides it, reconfigurable). */
export const theoremNumbering = Facet.define<TheoremNumbering, TheoremNumbering>({ combine: (values) => values[0] ?? 'perKind' });

/** A fence line where it stands now. */
export interface PlacedFence extends Fence {
  from: number;
  to: number;
}

export interface TheoremDocument {
  /** Every fence the tree covers, in document order. */
  readonly fences: readonly PlacedFence[];
  /** Pairing, numbers, labels and problems; kept (same object) while no fence changes, whatever else is typed. */
  readonly analysis: TheoremAnalysis;
  /** How far the syntax tree reached when last read. */
  readonly parsedTo: number;
}

// Fences stand at the top level or inside quotes and lists; nothing else can hold one.
const containers = new Set(['Document', 'Blockquote', 'BulletList', 'OrderedList', 'ListItem']);

/** The fences overlapping [from, to]. */
function fencesIn(state: EditorState, from: number, to: number): PlacedFence[] {
  const found: PlacedFence[] = [];
  syntaxTree(state).iterate({
    from,
    to,
    enter(node) {
      if (node.name === DivNode.open || node.name === DivNode.close) {
        const attributes = node.node.getChild(DivNode.attributes);
        found.push({ from: node.from, to: node.to, attributes: attributes ? state.sliceDoc(attributes.from, attributes.to) : null });
        return false;
      }
      return containers.has(node.name);
    },
  });
  return found;
}

const sameFences = (a: readonly Fence[], b: readonly Fence[]): boolean =>
  a.length === b.length && a.every((fence, i) => fence.attributes === b[i]!.attributes);

function build(state: EditorState, fences: PlacedFence[], previous: TheoremAnalysis | null): TheoremDocument {
  const parsedTo = syntaxTree(state).length;
  const analysis = previous ?? analyzeTheorems(fences, state.facet(theoremNumbering));
  return { fences, analysis, parsedTo };
}

/**
 * The note's theorem-like blocks. Like the formulas' pre-pass, an edit rescans only the blocks it touched (and what
 * the background parser added) for fences; the pairing and numbering pass, linear in the fences, reruns only when a
 * fence came, went or changed, or the numbering setting did. Typing anywhere else maps the fences' positions.
 */
export const theoremDocument = StateField.define<TheoremDocument>({
  create: (state) => build(state, fencesIn(state, 0, syntaxTree(state).length), null),
  update(value, tr: Transaction) {
    const state = tr.state;
    const parsedTo = syntaxTree(state).length;
    const mappedParsed = tr.changes.mapPos(value.parsedTo, 1);
    const renumbered = tr.startState.facet(theoremNumbering) !== state.facet(theoremNumbering);
    if (parsedTo < mappedParsed) return build(state, fencesIn(state, 0, parsedTo), null);
    if (!tr.docChanged && parsedTo === value.parsedTo && !renumbered) return value;
    const spans: Span[] = tr.docChanged ? dirtySpans(tr.startState, state, tr.changes, false) : [];
    if (parsedTo > mappedParsed) spans.push([topLevelStart(state, mappedParsed), parsedTo]);
    const dirty = mergeSpans(spans);
    const touches = (from: number, to: number) => dirty.some(([a, b]) => from <= b && to >= a);
    const kept: PlacedFence[] = [];
    for (const fence of value.fences) {
      const from = tr.changes.mapPos(fence.from, 1, MapMode.TrackDel);
      const to = tr.changes.mapPos(fence.to, -1, MapMode.TrackDel);
      if (from !== null && to !== null && !touches(from, to)) kept.push({ ...fence, from, to });
    }
    // Two spans can touch one fence line: each fence once, by where it starts.
    const fresh = new Map(dirty.flatMap(([from, to]) => fencesIn(state, from, to)).map((f) => [f.from, f] as const));
    const fences = [...kept.filter((k) => !fresh.has(k.from)), ...fresh.values()].sort((a, b) => a.from - b.from);
    return build(state, fences, renumbered || !sameFences(fences, value.fences) ? null : value.analysis);
  },
});

/** Where a labelled block is now: its opening fence, and the whole block (to its closing fence or the note's end). */
export function theoremPosition(state: EditorState, label: string): { block: TheoremBlock; from: number; to: number } | null {
  const doc = state.field(theoremDocument, false);
  const block = doc?.analysis.labels.get(label);
  if (!doc || !block) return null;
  const open = doc.fences[block.open]!;
  const end = block.close === null ? state.doc.length : doc.fences[block.close]!.to;
  return { block, from: open.from, to: end };
}

/** The number a label's block carries (for `\ref` inside math), or undefined when no block has that label. */
export function theoremLabelNumber(state: EditorState, label: string): string | null | undefined {
  const block = state.field(theoremDocument, false)?.analysis.labels.get(label);
  return block ? block.number : undefined;
}
