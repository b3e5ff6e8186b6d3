import { definesMacros, macroDefinitions, readGroup, type MacroDefinition } from './tex-macros';

/** Environments LaTeX numbers; their starred forms and everything else are not. */
export const NUMBERED_ENVIRONMENTS = new Set(['equation', 'align', 'gather']);

/** One line that can carry an equation number: a row of `align`/`gather`, an `equation`, or a whole display formula. */
export interface EquationRow {
  /** Takes the next number (a numbered environment's row without `\nonumber`, `\notag` or `\tag`). */
  auto: boolean;
  /** The writer's own `\tag{…}`: the row shows it instead of a number. */
  tag: string | null;
  label: { name: string; at: number; end: number } | null;
  /** Where a `\tag{n}` goes for an auto row (offset in the TeX). */
  insertAt: number;
}

export interface Reference {
  kind: 'eqref' | 'ref';
  name: string;
  at: number;
  end: number;
}

interface Edit {
  at: number;
  end: number;
  insert: string;
}

/** What the document pre-pass needs to know about one formula; depends on its TeX alone, so it is cached by TeX. */
export interface FormulaFacts {
  definitions: readonly MacroDefinition[];
  rows: readonly EquationRow[];
  refs: readonly Reference[];
  /** Rewrites that never depend on the rest of the note: `\label` removed, numbered environments starred. */
  edits: readonly Edit[];
}

const NOTHING: FormulaFacts = { definitions: [], rows: [], refs: [], edits: [] };
const mentionsNumbering = (tex: string): boolean => /\\(begin|tag|label|eqref|ref)(?![a-zA-Z])/.test(tex);

/**
 * Reads one formula: its macro definitions, the rows that can carry numbers (with their labels and tags), the
 * references it makes. Inline math has no rows: LaTeX numbers display math only.
 */
export function formulaFacts(tex: string, display: boolean): FormulaFacts {
  const definitions = definesMacros(tex) ? macroDefinitions(tex) : [];
  if (!mentionsNumbering(tex)) return definitions.length ? { ...NOTHING, definitions } : NOTHING;
  const rows: EquationRow[] = [];
  const refs: Reference[] = [];
  const edits: Edit[] = [];
  // The formula itself is a row when no numbered environment is open (`$$ x \tag{1} \label{a} $$`).
  const whole: EquationRow = { auto: false, tag: null, label: null, insertAt: tex.length };
  let env: { name: string; depth: number; splitsRows: boolean } | null = null;
  let row: EquationRow | null = null;
  let rowStart = 0;
  let nested = 0;
  let depth = 0;
  const closeRow = (at: number) => {
    if (!row) return;
    row.insertAt = at;
    // An empty last row (`a \\ b \\`) is not a line of its own.
    if (row.tag !== null || row.label || tex.slice(rowStart, at).trim() !== '') rows.push(row);
    row = null;
  };
  for (let i = 0; i < tex.length; i++) {
    const ch = tex[i];
    if (ch === '{') depth++;
    else if (ch === '}') depth--;
    if (ch !== '\\') continue;
    const start = i;
    if (tex[i + 1] === '\\') {
      i++;
      if (env?.splitsRows && nested === 0 && depth === env.depth) {
        closeRow(start);
        row = { auto: true, tag: null, label: null, insertAt: 0 };
        rowStart = i + 1;
      }
      continue;
    }
    const name = /^[a-zA-Z]+/.exec(tex.slice(i + 1, i + 40))?.[0];
    if (!name) {
      i++; // `\{`, `\}`, `\,`: never a group or a command we read
      continue;
    }
    i += name.length;
    const target = row ?? whole;
    if (name === 'begin' || name === 'end') {
      const group = readGroup(tex, i + 1);
      if (!group) continue;
      if (name === 'begin' && !env && display && NUMBERED_ENVIRONMENTS.has(group.content)) {
        env = { name: group.content, depth, splitsRows: group.content !== 'equation' };
        edits.push({ at: group.end - 1, end: group.end - 1, insert: '*' });
        row = { auto: true, tag: null, label: null, insertAt: 0 };
        rowStart = group.end;
      } else if (name === 'end' && env && nested === 0 && group.content === env.name) {
        closeRow(start);
        edits.push({ at: group.end - 1, end: group.end - 1, insert: '*' });
        env = null;
      } else if (name === 'begin') nested++;
      else nested--;
      i = group.end - 1;
    } else if (name === 'tag') {
      const starred = tex[i + 1] === '*';
      const group = readGroup(tex, i + 1 + (starred ? 1 : 0));
      if (!group) continue;
      target.tag = group.content;
      target.auto = false;
      i = group.end - 1;
    } else if (name === 'nonumber' || name === 'notag') {
      target.auto = false;
    } else if (name === 'label') {
      const group = readGroup(tex, i + 1);
      if (!group) continue;
      const label = group.content.trim();
      if (label && !target.label) target.label = { name: label, at: start, end: group.end };
      edits.push({ at: start, end: group.end, insert: '' }); // KaTeX has no \label
      i = group.end - 1;
    } else if (name === 'eqref' || name === 'ref') {
      const group = readGroup(tex, i + 1);
      if (!group) continue;
      refs.push({ kind: name, name: group.content.trim(), at: start, end: group.end });
      i = group.end - 1;
    }
  }
  closeRow(tex.length);
  if (display && (whole.tag !== null || whole.label)) rows.unshift(whole);
  return { definitions, rows, refs, edits };
}

/** How a reference reads: `(3)` for `\eqref`, `3` for `\ref`, `??` as LaTeX prints a missing one. */
export function referenceText(kind: Reference['kind'], number: string | null): string {
  const shown = number ?? '??';
  return kind === 'eqref' ? `(${shown})` : shown;
}

/**
 * The TeX KaTeX is given: numbered environments starred with their numbers as `\tag`s (KaTeX's own counter
 * cannot know the rest of the note), labels removed, references replaced by what they point to. `numbers[i]`
 * is row i's number; `resolve` looks a label up in the whole note.
 */
export function numberedTex(
  tex: string,
  facts: FormulaFacts,
  numbers: readonly (string | null)[],
  resolve: (label: string) => string | null,
): string {
  if (facts.edits.length === 0 && facts.refs.length === 0) return tex;
  const edits: Edit[] = [...facts.edits];
  facts.rows.forEach((row, index) => {
    const number = numbers[index];
    if (row.auto && number) edits.push({ at: row.insertAt, end: row.insertAt, insert: `\\tag{${number}}` });
  });
  for (const ref of facts.refs) {
    const text = referenceText(ref.kind, resolve(ref.name));
    // Digits and brackets in math read upright; a writer's tag is TeX already.
    edits.push({ at: ref.at, end: ref.end, insert: `{${text.replace(/\?\?/, '\\text{??}')}}` });
  }
  edits.sort((a, b) => b.at - a.at || b.end - a.end);
  let out = tex;
  for (const edit of edits) out = out.slice(0, edit.at) + edit.insert + out.slice(edit.end);
  return out;
}
