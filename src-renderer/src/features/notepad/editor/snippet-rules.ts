import { z } from 'zod';

/**
 * The snippet file (`snippets.txt` in the vault): one snippet a line, `OPTIONS TRIGGER REPLACEMENT` separated by
 * spaces, `#` starts a comment line. A line format rather than JSON so one bad line is reported by its number and
 * every other line still works. This module is pure: parsing, and finding the snippet a typed text ends with.
 */

/** Where a snippet may expand: inside a formula, in prose (never in code: nothing expands there). */
export type SnippetScope = 'math' | 'prose';

export interface SnippetRule {
  /** The file's line number (1-based), for messages. */
  readonly line: number;
  readonly trigger: string;
  readonly replacement: string;
  readonly scopes: ReadonlySet<SnippetScope>;
  /** Expands as the trigger's last character is typed; otherwise on Tab. */
  readonly auto: boolean;
  /** Only when the trigger starts a word (the character before it is not a letter or digit). */
  readonly wordStart: boolean;
  /** The trigger as a regular expression anchored at the cursor, when it is one. */
  readonly pattern: RegExp | null;
}

/** Why a line was refused: the panel says it in the writer's language (math-messages `snippets.error.*`). */
export type SnippetErrorCode = 'shape' | 'option' | 'scope' | 'regex' | 'placeholder';
export interface SnippetLineError {
  readonly line: number;
  readonly code: SnippetErrorCode;
  /** The offending option letter or the regular expression's own message. */
  readonly detail?: string;
}

export interface SnippetFile {
  readonly rules: readonly SnippetRule[];
  readonly errors: readonly SnippetLineError[];
}

/** How far back from the cursor a trigger can reach: matching stays local however long the line is. */
export const TRIGGER_REACH = 100;

const OPTION_LETTERS = 'mtArw';
const issue = (code: SnippetErrorCode) => ({ message: code });

// One schema per field, not a z.object: zod compiles object parsers with `new Function`, which the renderer's CSP
// (no 'unsafe-eval') refuses and reports.
const Options = z.string().superRefine((options, ctx) => {
  const unknown = [...options].find((letter) => !OPTION_LETTERS.includes(letter));
  if (unknown) ctx.addIssue({ code: 'custom', ...issue('option'), params: { detail: unknown } });
  else if (!options.includes('m') && !options.includes('t')) ctx.addIssue({ code: 'custom', ...issue('scope') });
});
const Trigger = z.string().min(1, issue('shape')).max(TRIGGER_REACH, issue('shape'));
const RegexTrigger = Trigger.superRefine((trigger, ctx) => {
  try {
    new RegExp(trigger);
  } catch (error) {
    ctx.addIssue({ code: 'custom', ...issue('regex'), params: { detail: (error as Error).message } });
  }
});
// A `${n:…}` placeholder holds plain text: a brace inside would end it early.
const Replacement = z.string().min(1, issue('shape')).refine((text) => !/\$\{\d+:[^}]*\{/.test(text), issue('placeholder'));

/** The line's first refusal, or null when every field is good. */
function refusal(options: string, trigger: string, replacement: string): Omit<SnippetLineError, 'line'> | null {
  const checks = [Options.safeParse(options), (options.includes('r') ? RegexTrigger : Trigger).safeParse(trigger), Replacement.safeParse(replacement)];
  for (const check of checks) {
    if (check.success) continue;
    const first = check.error.issues[0]!;
    const detail = (first as { params?: { detail?: string } }).params?.detail;
    return { code: first.message as SnippetErrorCode, ...(detail ? { detail } : {}) };
  }
  return null;
}

const LINE_SHAPE = /^(\S+)\s+(\S+)\s+(.+?)\s*$/;

/** Reads a snippet file: every good line becomes a rule, every bad one an error with its line number. */
export function parseSnippetFile(text: string): SnippetFile {
  const rules: SnippetRule[] = [];
  const errors: SnippetLineError[] = [];
  text.split(/\r\n?|\n/).forEach((raw, index) => {
    const line = index + 1;
    if (!raw.trim() || raw.trimStart().startsWith('#')) return;
    const shape = LINE_SHAPE.exec(raw.trim());
    if (!shape) {
      errors.push({ line, code: 'shape' });
      return;
    }
    const [, options, trigger, replacement] = shape as unknown as [string, string, string, string];
    const refused = refusal(options, trigger, replacement);
    if (refused) {
      errors.push({ line, ...refused });
      return;
    }
    const scopes = new Set<SnippetScope>();
    if (options.includes('m')) scopes.add('math');
    if (options.includes('t')) scopes.add('prose');
    rules.push({
      line,
      trigger,
      // `\n` is a line break unless a letter follows (`\nabla`, `\neq` stay commands).
      replacement: replacement.replace(/\\n(?![a-zA-Z])/g, '\n'),
      scopes,
      auto: options.includes('A'),
      wordStart: options.includes('w'),
      pattern: options.includes('r') ? new RegExp(`(?:${trigger})$`) : null,
    });
  });
  return { rules, errors };
}

export interface SnippetMatch {
  readonly rule: SnippetRule;
  /** How many characters before the cursor the trigger covers. */
  readonly length: number;
  /** The replacement as a CodeMirror snippet template (`@codemirror/autocomplete` `snippet()`). */
  readonly template: string;
}

// A trigger that would continue a command or environment name being typed (`\\sum`, `\\begin{pmatrix}`) stays text.
const CONTINUES_A_NAME = /\\(?:[A-Za-z]*|(?:begin|end)\{[A-Za-z]*)$/;

// Arguments that are names or words, not math: `\label{eq1}` stays `eq1`, `\text{as @a}` stays text.
const IN_A_NAME_ARGUMENT = /\\(?:label|eqref|ref|tag|text\w*|mathrm|operatorname|begin|end)\*?\{[^{}]*$/;

const isWordChar = (ch: string | undefined): boolean => ch !== undefined && /[\p{L}\p{N}]/u.test(ch);

/**
 * The first rule (in file order) whose trigger `before` ends with, in this scope. `before` is the line's text up to
 * the cursor (at most TRIGGER_REACH characters of it); `auto` picks the rules that expand while typing, else the
 * ones Tab expands.
 */
export function matchSnippet(rules: readonly SnippetRule[], before: string, scope: SnippetScope, auto: boolean): SnippetMatch | null {
  for (const rule of rules) {
    if (rule.auto !== auto || !rule.scopes.has(scope)) continue;
    let matched: string | null = null;
    let groups: readonly string[] = [];
    if (rule.pattern) {
      const m = rule.pattern.exec(before);
      if (m && m[0]) {
        matched = m[0];
        groups = m.slice(1).map((g) => g ?? '');
      }
    } else if (before.endsWith(rule.trigger)) {
      matched = rule.trigger;
    }
    if (matched === null) continue;
    const preceding = before.slice(0, before.length - matched.length);
    if (rule.wordStart && isWordChar(preceding[preceding.length - 1])) continue;
    if (/^[A-Za-z]/.test(matched) && CONTINUES_A_NAME.test(preceding)) continue;
    if (scope === 'math' && IN_A_NAME_ARGUMENT.test(preceding)) continue;
    return { rule, length: matched.length, template: toTemplate(rule.replacement, groups) };
  }
  return null;
}

/**
 * Stand-ins for TeX's `\{` and `\}` in a template: CodeMirror's template reads a backslash before a brace as an
 * escape (and misplaces the fields after several on a line), so each goes in as one private-use character and the
 * snippet's own transaction puts the TeX back (math-snippets.ts). Plain braces need nothing: only `${` opens a field.
 */
export const BRACE_STANDINS: ReadonlyMap<string, string> = new Map([
  ['\uE000', '\\{'],
  ['\uE001', '\\}'],
]);
const literal = (text: string): string => text.replace(/\\([{}])/g, (_, brace: string) => (brace === '{' ? '\uE000' : '\uE001'));

/**
 * The file's replacement syntax (`$1`, `${1:text}` tab stops, `$0` where the cursor ends, `[[0]]` a regex group)
 * as a CodeMirror snippet template. Without a `$0`, the cursor ends after the inserted text.
 */
export function toTemplate(replacement: string, groups: readonly string[] = []): string {
  const withGroups = replacement.replace(/\[\[(\d+)\]\]/g, (whole, n: string) => groups[Number(n)] ?? whole);
  let template = '';
  let last = 0;
  let hasEnd = false;
  for (const m of withGroups.matchAll(/\\\$|\$(\d)|\$\{(\d+):([^}]*)\}/g)) {
    if (m[0] === '\\$') continue; // TeX's `\$` is a dollar sign, never a tab stop
    const stop = m[1] ?? m[2]!;
    if (stop === '0') hasEnd = true;
    template += literal(withGroups.slice(last, m.index)) + (m[3] === undefined ? `\${${stop}}` : `\${${stop}:${m[3]}}`);
    last = m.index + m[0].length;
  }
  template += literal(withGroups.slice(last));
  return hasEnd ? template : `${template}\${0}`;
}

/** The snippets a new vault starts with, written to its snippet file the first time the writer saves it. */
export const DEFAULT_SNIPPET_FILE = `# Math snippets: one a line, OPTIONS TRIGGER REPLACEMENT, separated by spaces.
# OPTIONS: m = inside math, t = in prose; A = expands as you type (without A: on Tab);
#          w = only at the start of a word; r = TRIGGER is a regular expression ([[0]] is its first group).
# REPLACEMENT: $1, $2 … are tab stops in order, \${1:x} a stop holding x, $0 where the cursor ends;
#          \\n followed by no letter is a line break.
# In a matrix, Tab adds a cell and Enter a row; Shift+Enter leaves it. Tab also leaves the current brace.

# Formulas from prose
tAw mk $$0$
tAw dm $$\\n$0\\n$$

# Fractions, powers, indices
mA // \\frac{$1}{$2}$0
mA sr ^{2}
mA cb ^{3}
mA rd ^{$1}$0
mA sq \\sqrt{$1}$0
mAr ([A-Za-z])(\\d) [[0]]_{[[1]]}

# Greek letters
mA @a \\alpha
mA @b \\beta
mA @g \\gamma
mA @G \\Gamma
mA @d \\delta
mA @D \\Delta
mA @e \\epsilon
mA @z \\zeta
mA @t \\theta
mA @T \\Theta
mA @k \\kappa
mA @l \\lambda
mA @L \\Lambda
mA @m \\mu
mA @n \\nu
mA @x \\xi
mA @p \\pi
mA @P \\Pi
mA @r \\rho
mA @s \\sigma
mA @S \\Sigma
mA @f \\varphi
mA @F \\Phi
mA @c \\chi
mA @y \\psi
mA @Y \\Psi
mA @o \\omega
mA @O \\Omega

# Operators and relations
mA => \\implies
mA <= \\le
mA >= \\ge
mA != \\neq
mA ooo \\infty
mA sum \\sum_{\${1:i=1}}^{\${2:n}} $0
mA lim \\lim_{\${1:n} \\to \${2:\\infty}} $0
mA int \\int_{$1}^{$2} $3 \\, d\${4:x}$0

# Matrices and environments
mA pmat \\begin{pmatrix}\\n$0\\n\\end{pmatrix}
mA bmat \\begin{bmatrix}\\n$0\\n\\end{bmatrix}
mA vmat \\begin{vmatrix}\\n$0\\n\\end{vmatrix}
mA case \\begin{cases}\\n$0\\n\\end{cases}
`;
