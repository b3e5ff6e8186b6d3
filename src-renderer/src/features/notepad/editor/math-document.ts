import { syntaxTree } from '@codemirror/language';
import type { EditorState } from '@codemirror/state';
import { Facet, RangeSet, RangeValue, StateField, type Transaction } from '@codemirror/state';
import { formulaFacts, numberedTex, type FormulaFacts } from './formula-facts';
import { dirtySpans, mathIn, mergeSpans, topLevelStart, type MathRange, type Span } from './math-ranges';
import { NO_MACROS, extendScope, type MacroScope } from './tex-macros';
import { mathPhrases } from './phrases';
import { CROSS_REFERENCE_PREFIXES } from '../../../../../src-shared/markdown/fenced-div-syntax';
import { theoremDocument } from './theorem-document';
import type { TheoremBlock } from './theorem-facts';

/** The vault's preamble macros, the scope every note starts from (index.ts provides it, reconfigurable). */
export const mathPreamble = Facet.define<MacroScope, MacroScope>({ combine: (values) => values[0] ?? NO_MACROS });

/** A formula as the pre-pass sees it: what it renders as, and what it defines, numbers and refers to. */
export class FormulaMark extends RangeValue {
  constructor(
    readonly tex: string,
    /** Where the TeX starts, from the formula's start (its opening delimiter's length, or more in a quote). */
    readonly texOffset: number,
    readonly display: boolean,
    readonly facts: FormulaFacts,
    /** The macros in effect where it stands (definitions earlier in the note included, its own not). */
    readonly scope: MacroScope,
    /** Each of `facts.rows`' number: its `\tag`, the next number, or null. */
    readonly numbers: readonly (string | null)[],
    /** What KaTeX is given: numbers as tags, labels gone, references resolved. */
    readonly renderTex: string,
  ) {
    super();
  }

  override eq(other: RangeValue): boolean {
    return other instanceof FormulaMark && other.renderTex === this.renderTex && other.scope === this.scope && other.display === this.display;
  }

  sameRender(other: FormulaMark): boolean {
    return other.renderTex === this.renderTex && other.scope.key === this.scope.key;
  }
}

export interface LabelTarget {
  name: string;
  number: string | null;
  /** The labelled formula's place among the note's formulas; prose edits move formulas but never reorder them. */
  index: number;
}

/** A warning the editor shows quietly: an undefined or duplicate label, with doc positions. */
export interface MathIssue {
  from: number;
  to: number;
  /** A phrase template (phrases.ts) with `$` for the label. */
  template: string;
  label: string;
}

export interface MathDocument {
  readonly formulas: RangeSet<FormulaMark>;
  readonly labels: ReadonlyMap<string, LabelTarget>;
  readonly issues: readonly MathIssue[];
  /** Formulas whose render changed in the transaction that made this value (numbering, macros, references). */
  readonly changed: readonly Span[];
  /** How far the syntax tree reached when last read. */
  readonly parsedTo: number;
}

const NO_THEOREMS: ReadonlyMap<string, TheoremBlock> = new Map();
const THEOREM_LABEL = new RegExp(`^(?:${CROSS_REFERENCE_PREFIXES.join('|')})-`);

/** A formula found in the text; `facts` when it comes from a mark, whose facts are its TeX's already. */
type Raw = { from: number; to: number; texFrom: number; tex: string; display: boolean; facts?: FormulaFacts };

/** Facts depend on the TeX alone: shared by every state and note, bounded. */
const factsCache = new Map<string, FormulaFacts>();
function cachedFacts(tex: string, display: boolean): FormulaFacts {
  const key = `${display ? 'D' : 'I'}${tex}`;
  let facts = factsCache.get(key);
  if (!facts) {
    facts = formulaFacts(tex, display);
    // Emptied when full rather than evicting its oldest key one at a time: a Map emptied from the front makes each
    // `keys().next()` step over the deleted slots, which took 45 ms a pass over a 10,000-formula note.
    if (factsCache.size >= 20_000) factsCache.clear();
    factsCache.set(key, facts);
  }
  return facts;
}

/**
 * The pre-pass, in document order: macro scopes (a formula sees the definitions before it), numbers (across
 * every numbered environment and `\tag`), labels (the first wins; a second is a warning), then every formula's
 * KaTeX input with its references resolved. Linear in the number of formulas; facts come from the cache.
 */
export function analyzeFormulas(
  raw: readonly Raw[],
  base: MacroScope,
  /** The note's theorem-like blocks by label: `\ref{thm-main}` gives its number, and an equation may not take the name. */
  theorems: ReadonlyMap<string, TheoremBlock> = NO_THEOREMS,
): Omit<MathDocument, 'changed' | 'parsedTo'> {
  let scope = base;
  let counter = 0;
  const labels = new Map<string, LabelTarget>();
  const issues: MathIssue[] = [];
  const staged = raw.map((f) => {
    const facts = f.facts ?? cachedFacts(f.tex, f.display);
    const here = scope;
    if (facts.definitions.length) scope = extendScope(scope, facts.definitions);
    const numbers = facts.rows.map((row) => (row.tag !== null ? row.tag : row.auto ? String(++counter) : null));
    return { f, facts, scope: here, numbers };
  });
  const offset = (f: Raw, at: number) => f.texFrom + at;
  staged.forEach((item, index) => {
    item.facts.rows.forEach((row, rowIndex) => {
      if (!row.label) return;
      if (labels.has(row.label.name) || theorems.has(row.label.name)) {
        issues.push({ from: offset(item.f, row.label.at), to: offset(item.f, row.label.end), template: mathPhrases.duplicateLabel, label: row.label.name });
      } else labels.set(row.label.name, { name: row.label.name, number: item.numbers[rowIndex] ?? null, index });
    });
  });
  const ranges = staged.map((item) => {
    const renderTex = numberedTex(item.f.tex, item.facts, item.numbers, (name) => labels.get(name)?.number ?? theorems.get(name)?.number ?? null);
    for (const ref of item.facts.refs) {
      if (!labels.has(ref.name) && !theorems.has(ref.name)) {
        const template = THEOREM_LABEL.test(ref.name) ? mathPhrases.undefinedTheorem : mathPhrases.undefinedLabel;
        issues.push({ from: offset(item.f, ref.at), to: offset(item.f, ref.end), template, label: ref.name });
      }
    }
    const mark = new FormulaMark(item.f.tex, item.f.texFrom - item.f.from, item.f.display, item.facts, item.scope, item.numbers, renderTex);
    return mark.range(item.f.from, item.f.to);
  });
  issues.sort((a, b) => a.from - b.from);
  return { formulas: RangeSet.of(ranges), labels, issues };
}

const rawOf = (m: MathRange): Raw => ({ from: m.from, to: m.to, texFrom: m.texFrom, tex: m.tex, display: m.display });

function rawFromSet(set: RangeSet<FormulaMark>): Raw[] {
  const out: Raw[] = [];
  for (let it = set.iter(); it.value; it.next()) out.push({ from: it.from, to: it.to, texFrom: it.from + it.value.texOffset, tex: it.value.tex, display: it.value.display, facts: it.value.facts });
  return out;
}

function build(state: EditorState, raw: Raw[], previous: RangeSet<FormulaMark> | null): MathDocument {
  const { formulas, labels, issues } = analyzeFormulas(raw, state.facet(mathPreamble), theoremLabels(state));
  const changed: Span[] = [];
  if (previous) {
    const before = new Map<number, FormulaMark>();
    for (let it = previous.iter(); it.value; it.next()) before.set(it.from, it.value);
    for (let it = formulas.iter(); it.value; it.next()) {
      const old = before.get(it.from);
      if (!old || !old.sameRender(it.value)) changed.push([it.from, it.to]);
    }
  }
  return { formulas, labels, issues, changed, parsedTo: syntaxTree(state).length };
}

const theoremLabels = (state: EditorState) => state.field(theoremDocument, false)?.analysis.labels ?? NO_THEOREMS;
const theoremKey = (state: EditorState) => state.field(theoremDocument, false)?.analysis.labelKey ?? '';

/** Every formula the tree covers so far. */
function scan(state: EditorState): Raw[] {
  return mathIn(state, 0, syntaxTree(state).length).map(rawOf);
}

/**
 * The note's formulas after the pre-pass. Typing prose maps the set and nothing else; an edit that changes
 * a formula's TeX (or adds or removes one), a new preamble, or a tree that grew by new formulas runs the linear
 * pass again. Only the changed blocks and what the parser added are scanned, never the whole tree per keystroke.
 */
export const mathDocument = StateField.define<MathDocument>({
  create: (state) => build(state, scan(state), null),
  update(value, tr: Transaction) {
    const state = tr.state;
    const parsedTo = syntaxTree(state).length;
    if (tr.startState.facet(mathPreamble) !== state.facet(mathPreamble)) return build(state, scan(state), value.formulas.map(tr.changes));
    // Where the old tree ended, in the new text: typing at the note's end inserts at that point, inside the tree.
    const mappedParsed = tr.changes.mapPos(value.parsedTo, 1);
    if (parsedTo < mappedParsed) return build(state, scan(state), value.formulas.map(tr.changes));
    // A theorem's number or label changed: the pass reruns over the formulas it has (the tree is not scanned), so
    // those that `\ref` one render again.
    const theoremsChanged = theoremKey(tr.startState) !== theoremKey(state);
    if (!tr.docChanged && parsedTo === value.parsedTo) return theoremsChanged ? build(state, rawFromSet(value.formulas), value.formulas) : value;
    const mapped = value.formulas.map(tr.changes);
    const spans = tr.docChanged ? dirtySpans(tr.startState, state, tr.changes, false) : [];
    const editedAtTreeEnd = spans.some(([, to]) => to >= mappedParsed);
    // The parser got further: only what it added (from the block it had reached) can hold new formulas.
    if (parsedTo > mappedParsed) spans.push([topLevelStart(state, mappedParsed), parsedTo]);
    const dirty = mergeSpans(spans);
    const touches = (from: number, to: number) => dirty.some(([a, b]) => from <= b && to >= a);
    const dropped: { from: number; mark: FormulaMark }[] = [];
    mapped.between(dirty[0]![0], dirty[dirty.length - 1]![1], (from, to, mark) => {
      if (touches(from, to)) dropped.push({ from, mark });
    });
    const found = new Map<number, MathRange>();
    for (const [from, to] of dirty) for (const m of mathIn(state, from, to)) found.set(m.from, m);
    const fresh = [...found.values()];
    const same = fresh.length === dropped.length && fresh.every((m, i) => m.tex === dropped[i]!.mark.tex && m.display === dropped[i]!.mark.display);
    if (same) {
      if (theoremsChanged) return build(state, rawFromSet(mapped), mapped);
      // The formulas' TeX is unchanged: numbers, scopes and references stay; only positions moved.
      return { ...value, formulas: mapped, issues: mapIssues(value.issues, tr), changed: [], parsedTo };
    }
    // A formula edited at the tree's end, where the parser's blocks are still settling (a `$$` block being closed,
    // a line typed after it): scan the whole tree, as prose typed there never does (it is `same` above). What the
    // parser merely added as it got further is merged below, or a long note would be rescanned while it loads.
    if (editedAtTreeEnd) return build(state, scan(state), mapped);
    const patched = theoremsChanged ? null : patchFormulas(value, mapped, dropped, fresh, tr, parsedTo);
    if (patched) return patched;
    const kept = rawFromSet(mapped).filter((f) => !touches(f.from, f.to) && !fresh.some((m) => f.from < m.to && f.to > m.from));
    const raw = [...kept, ...fresh.map(rawOf)].sort((a, b) => a.from - b.from);
    return build(state, raw, mapped);
  },
});

/** The same macro definitions, numbered rows (tags, labels) and references: the rest of the note reads it alike. */
function sameOutline(a: FormulaFacts, b: FormulaFacts): boolean {
  return (
    a.definitions.length === b.definitions.length &&
    a.definitions.every((d, i) => d.name === b.definitions[i]!.name && d.body === b.definitions[i]!.body && d.provide === b.definitions[i]!.provide) &&
    a.rows.length === b.rows.length &&
    a.rows.every((r, i) => r.auto === b.rows[i]!.auto && r.tag === b.rows[i]!.tag && r.label?.name === b.rows[i]!.label?.name) &&
    a.refs.length === b.refs.length &&
    a.refs.every((r, i) => r.kind === b.refs[i]!.kind && r.name === b.refs[i]!.name)
  );
}

/**
 * Typing inside formulas without changing what the rest of the note reads of them (their definitions, numbered rows,
 * tags, labels and references): every other formula keeps its number, scope and render, so only the edited ones get
 * new marks, with the numbers and scope they had. At 10,000 formulas this is what keeps a keystroke in a formula off
 * the linear pass (`analyzeFormulas`). Null when an outline changed, or the edited formulas are not the same ones.
 */
function patchFormulas(
  value: MathDocument,
  mapped: RangeSet<FormulaMark>,
  dropped: readonly { from: number; mark: FormulaMark }[],
  fresh: readonly MathRange[],
  tr: Transaction,
  parsedTo: number,
): MathDocument | null {
  if (fresh.length === 0 || fresh.length !== dropped.length) return null;
  const facts = fresh.map((m, i) => {
    const old = dropped[i]!;
    if (m.from !== old.from || m.display !== old.mark.display) return null;
    const now = cachedFacts(m.tex, m.display);
    return sameOutline(old.mark.facts, now) ? now : null;
  });
  if (facts.some((f) => f === null)) return null;
  const { labels } = value;
  const theorems = theoremLabels(tr.state);
  const number = (name: string) => labels.get(name)?.number ?? theorems.get(name)?.number ?? null;
  const edited = new Set(dropped.map((d) => d.mark));
  let issues = mapIssues(value.issues, tr).filter((issue) => !fresh.some((m) => issue.from >= m.from && issue.to <= m.to));
  const changed: Span[] = [];
  const marks = fresh.map((m, i) => {
    const old = dropped[i]!.mark;
    const now = facts[i]!;
    const mark = new FormulaMark(m.tex, m.texFrom - m.from, m.display, now, old.scope, old.numbers, numberedTex(m.tex, now, old.numbers, number));
    if (!mark.sameRender(old)) changed.push([m.from, m.to]);
    issues = issues.concat(formulaIssues(mapped, m, now, labels, theorems));
    return mark.range(m.from, m.to);
  });
  if (issues.length > 1) issues.sort((a, b) => a.from - b.from);
  const formulas = mapped.update({ filter: (_from, _to, mark) => !edited.has(mark), filterFrom: fresh[0]!.from, filterTo: fresh[fresh.length - 1]!.to, add: marks });
  return { formulas, labels, issues, changed, parsedTo };
}

/** The warnings of one formula whose labels and references are as before (the note's labels are unchanged). */
function formulaIssues(
  formulas: RangeSet<FormulaMark>,
  m: MathRange,
  facts: FormulaFacts,
  labels: ReadonlyMap<string, LabelTarget>,
  theorems: ReadonlyMap<string, TheoremBlock>,
): MathIssue[] {
  const issues: MathIssue[] = [];
  const labelled = facts.rows.filter((row) => row.label);
  if (labelled.length) {
    // A label is this formula's when the note's first formula with it is this one (by index, as the pass counts).
    let index = 0;
    for (let it = formulas.iter(); it.value && it.from < m.from; it.next()) index++;
    const own = new Set<string>();
    for (const row of labelled) {
      const { name, at, end } = row.label!;
      if (labels.get(name)?.index === index && !own.has(name)) own.add(name);
      else issues.push({ from: m.texFrom + at, to: m.texFrom + end, template: mathPhrases.duplicateLabel, label: name });
    }
  }
  for (const ref of facts.refs) {
    if (labels.has(ref.name) || theorems.has(ref.name)) continue;
    const template = THEOREM_LABEL.test(ref.name) ? mathPhrases.undefinedTheorem : mathPhrases.undefinedLabel;
    issues.push({ from: m.texFrom + ref.at, to: m.texFrom + ref.end, template, label: ref.name });
  }
  return issues;
}

function mapIssues(issues: readonly MathIssue[], tr: Transaction): readonly MathIssue[] {
  if (issues.length === 0) return issues;
  return issues.map((issue) => ({ ...issue, from: tr.changes.mapPos(issue.from, 1), to: tr.changes.mapPos(issue.to, -1) }));
}

/** The pre-pass's view of the formula starting at `from`, or null. */
export function formulaAt(state: EditorState, from: number): FormulaMark | null {
  let found: FormulaMark | null = null;
  state.field(mathDocument, false)?.formulas.between(from, from, (start, _to, mark) => {
    if (start === from) {
      found = mark;
      return false;
    }
    return undefined;
  });
  return found;
}

/** Where a label's formula is now, or null. */
export function labelPosition(state: EditorState, name: string): { from: number; to: number; target: LabelTarget; mark: FormulaMark } | null {
  const doc = state.field(mathDocument, false);
  const target = doc?.labels.get(name);
  if (!doc || !target) return null;
  let index = 0;
  for (let it = doc.formulas.iter(); it.value; it.next(), index++) {
    if (index === target.index) return { from: it.from, to: it.to, target, mark: it.value };
  }
  return null;
}
