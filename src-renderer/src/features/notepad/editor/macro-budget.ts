import katex, { type KatexOptions } from 'katex';
import type { MathMacros } from './tex-macros';

/**
 * How many tokens the user's macros may expand to in one formula. KaTeX's `maxExpand` counts expansions, not what
 * each one emits: `\def\B{x…(1,000 x)}\def\C{\B…(100 times)}\C` is 101 expansions and 100,100 tokens, and building
 * that many takes KaTeX minutes (its HTML builder joins neighbouring characters in quadratic time). 10,000 tokens
 * render in a fraction of a second at worst and are far more than real formulas reach: a macro used a thousand
 * times (`maxExpand`'s limit) with a body and arguments of ten tokens.
 */
export const MAX_EXPANDED_TOKENS = 10_000;

/** Thrown from inside KaTeX's expansion when a formula's macros would go over the budget; nothing is built. */
export class ExpansionTooLarge extends Error {
  constructor() {
    super(`Macros expand to over ${MAX_EXPANDED_TOKENS} tokens`);
  }
}

/** KaTeX's token, as much of it as a macro body needs. */
interface Token {
  text: string;
  loc?: { lexer: { input: string }; start: number; end: number } | null;
  noexpand?: boolean | null;
  treatAsRelax?: boolean | null;
}

/** What KaTeX stores for `\def` and `\newcommand`: the body's tokens in reverse order, as its stack holds them. */
interface Expansion {
  tokens: Token[];
  numArgs: number;
  delimiters?: string[][];
  unexpandable?: boolean;
}

/** The part of KaTeX's macro expander (its `MacroContextInterface`) a macro function uses here. */
interface Expander {
  consumeArgs(numArgs: number, delimiters?: string[][]): Token[][];
}

type KatexMacros = NonNullable<KatexOptions['macros']>;

type TokenClass = new (text: string, loc: Token['loc']) => Token;

/** A copy of a token, of KaTeX's own class (the parser calls its methods). */
function copy(token: Token): Token {
  const fresh = new (token.constructor as TokenClass)(token.text, token.loc);
  if (token.noexpand) fresh.noexpand = token.noexpand;
  if (token.treatAsRelax) fresh.treatAsRelax = token.treatAsRelax;
  return fresh;
}

const isExpansion = (value: unknown): value is Expansion =>
  typeof value === 'object' && value !== null && Array.isArray((value as Expansion).tokens);

/** KaTeX's rule for a string macro's arguments: `#1`, `#2`… up to the first number missing, `##` not counting. */
function argumentCount(body: string): number {
  const stripped = body.replace(/##/g, '');
  let count = 0;
  while (count < 9 && stripped.includes(`#${count + 1}`)) count++;
  return count;
}

// Scope macros reach KaTeX as strings, which it lexes at every expansion, after pasting the arguments in. To count
// before anything is pasted, each body is lexed once by KaTeX itself (a `\gdef` in the global group writes the
// tokens into the object given) and kept with its scope, locations moved onto the body alone so errors read as before.
// The closing brace goes on a line of its own, out of reach of a `%` comment ending the body; the line break's own
// space token, which the body alone does not have, is dropped again.
const tokenized = new WeakMap<MathMacros, Map<string, Expansion | null>>();

function tokenize(macros: MathMacros, name: string, body: string): Expansion | null {
  let known = tokenized.get(macros);
  if (!known) tokenized.set(macros, (known = new Map()));
  let expansion = known.get(name);
  if (expansion !== undefined) return expansion;
  const numArgs = argumentCount(body);
  const head = `\\gdef${name}${Array.from({ length: numArgs }, (_, at) => `#${at + 1}`).join('')}{`;
  const into: KatexMacros = {};
  try {
    katex.renderToString(`${head}${body}\n}`, { globalGroup: true, throwOnError: true, strict: 'ignore', macros: into });
    const defined = into[name];
    const lexer = { input: body };
    const moved = (loc: Token['loc']): Token['loc'] => (loc ? { lexer, start: loc.start - head.length, end: loc.end - head.length } : loc);
    const tokens = isExpansion(defined) ? defined.tokens.map((token) => Object.assign(copy(token), { loc: moved(token.loc) })) : null;
    if (tokens?.[0]?.loc?.start === body.length) tokens.shift(); // reverse order: the last token is first
    expansion = isExpansion(defined) && tokens ? { ...defined, tokens } : null;
  } catch {
    expansion = null;
  }
  known.set(name, expansion);
  return expansion;
}

/**
 * A body with its arguments in place, in stack order, arguments as runs of tokens: KaTeX's rule, `#n` is argument
 * n and `##` is `#`, nothing pasted when the macro takes no arguments (a `#` then stays and fails in the parser).
 */
function withArguments(tokens: Token[], numArgs: number, args: Token[][]): (Token | Token[])[] {
  if (numArgs === 0) return tokens;
  const inOrder: (Token | Token[])[] = [];
  for (let at = tokens.length - 1; at >= 0; at--) {
    const token = tokens[at]!;
    if (token.text !== '#') {
      inOrder.push(token);
      continue;
    }
    if (at === 0) throw new katex.ParseError('Incomplete placeholder at end of macro body', token);
    const next = tokens[--at]!;
    const arg = /^[1-9]$/.test(next.text) ? args[Number(next.text) - 1] : undefined;
    if (next.text === '#') inOrder.push(next);
    else if (arg) inOrder.push(arg);
    else throw new katex.ParseError('Not a valid argument number', next);
  }
  return inOrder.reverse();
}

/**
 * One expansion done here instead of in KaTeX, so its size is known before it exists: the arguments are read, the
 * result's length is charged, and only then is it built. Body tokens are copied: KaTeX marks tokens it is told not
 * to expand, and a kept body must not carry that into the next formula.
 */
function expandCounted({ tokens, numArgs, delimiters }: Expansion, expander: Expander, budget: { left: number }): Expansion {
  const args = numArgs > 0 || delimiters ? expander.consumeArgs(numArgs, delimiters) : [];
  const pieces = withArguments(tokens, numArgs, args);
  for (const piece of pieces) budget.left -= Array.isArray(piece) ? piece.length : 1;
  if (budget.left < 0) throw new ExpansionTooLarge();
  const expanded: Token[] = [];
  for (const piece of pieces) {
    if (Array.isArray(piece)) expanded.push(...piece);
    else expanded.push(copy(piece));
  }
  return { tokens: expanded, numArgs: 0 };
}

const countedExpansion = (expansion: Expansion, budget: { left: number }) => (expander: object) => expandCounted(expansion, expander as Expander, budget);

const unreadable = (name: string) => () => {
  throw new katex.ParseError(`The definition of ${name} cannot be read`);
};

/**
 * The `macros` KaTeX is given for one render: the scope's macros, and whatever the formula defines with `\def` or
 * `\newcommand` (KaTeX writes those into this object), each handed to KaTeX as a function that expands it here and
 * charges one shared budget. Values KaTeX itself puts here (strings such as `\@eqnsw`, tokens it marks
 * unexpandable) pass through untouched.
 */
export function countedMacros(macros: MathMacros): KatexMacros {
  const budget = { left: MAX_EXPANDED_TOKENS };
  return new Proxy<KatexMacros>(
    { ...macros },
    {
      get(target, name, receiver) {
        const value: unknown = Reflect.get(target, name, receiver);
        if (typeof name !== 'string') return value;
        if (typeof value === 'string' && macros[name] === value) {
          const expansion = tokenize(macros, name, value);
          // What KaTeX cannot read as a definition is not expanded unmeasured either.
          return expansion ? countedExpansion(expansion, budget) : unreadable(name);
        }
        return isExpansion(value) && !value.unexpandable ? countedExpansion(value, budget) : value;
      },
    },
  );
}
