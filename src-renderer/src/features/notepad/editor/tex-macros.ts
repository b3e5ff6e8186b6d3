/** Macro names (with their backslash) to KaTeX's string form of their bodies. */
export type MathMacros = Readonly<Record<string, string>>;

/** One macro a preamble or a formula defines: KaTeX's string form, `#1`…`#9` for its arguments. */
export interface MacroDefinition {
  name: string;
  body: string;
  /** `\providecommand`: only when the name is still free. */
  provide?: boolean;
  /** Where the definition stands in the TeX it was read from (the LaTeX export rewrites it in place). */
  from: number;
  to: number;
}

/** The macros in effect at one place in a note, with a key that changes exactly when they do. */
export interface MacroScope {
  readonly key: string;
  readonly macros: MathMacros;
}

export const NO_MACROS: MacroScope = { key: macroHash({}), macros: {} };

/** A preamble over this is refused whole: it is read on every note open and hashed on every change. */
export const MAX_PREAMBLE_CHARS = 200_000;

/** A stable key for a macro set, so a change invalidates exactly the renders it affects. */
export function macroHash(macros: MathMacros): string {
  const keys = Object.keys(macros).sort();
  let hash = 5381;
  for (const key of keys) {
    const part = `${key}\u0000${macros[key]}\u0001`;
    for (let i = 0; i < part.length; i++) hash = ((hash * 33) ^ part.charCodeAt(i)) >>> 0;
  }
  return `${keys.length}:${hash.toString(36)}`;
}

const skipSpace = (tex: string, at: number): number => {
  while (at < tex.length && /\s/.test(tex[at]!)) at++;
  return at;
};

/** The balanced `{…}` group starting at `at` (spaces skipped first): its content and the index after it. */
export function readGroup(tex: string, at: number): { content: string; end: number } | null {
  const start = skipSpace(tex, at);
  if (tex[start] !== '{') return null;
  let depth = 0;
  for (let i = start; i < tex.length; i++) {
    const ch = tex[i];
    if (ch === '\\') i++;
    else if (ch === '{') depth++;
    else if (ch === '}' && --depth === 0) return { content: tex.slice(start + 1, i), end: i + 1 };
  }
  return null;
}

/** `[…]` at `at` (spaces skipped), or null. */
function readOptional(tex: string, at: number): { content: string; end: number } | null {
  const start = skipSpace(tex, at);
  if (tex[start] !== '[') return null;
  const close = tex.indexOf(']', start);
  return close < 0 ? null : { content: tex.slice(start + 1, close), end: close + 1 };
}

/** A control sequence name at `at` (`\foo` or `\@`), spaces skipped first. */
function readCommandName(tex: string, at: number): { name: string; end: number } | null {
  const start = skipSpace(tex, at);
  if (tex[start] !== '\\') return null;
  const letters = /^[a-zA-Z@]+/.exec(tex.slice(start + 1, start + 80));
  const length = letters ? letters[0].length : 1;
  return { name: tex.slice(start, start + 1 + length), end: start + 1 + length };
}

const DEFINING = /\\(newcommand|renewcommand|providecommand|DeclareMathOperator|def|gdef|edef|xdef)(?![a-zA-Z])/g;

/** Cheap test before the parse: almost no formula defines anything. */
export const definesMacros = (tex: string): boolean => /\\(?:(?:(?:re)?new|provide)command|DeclareMathOperator|[gex]?def)(?![a-zA-Z])/.test(tex);

/**
 * The definitions in a piece of TeX, in order: `\newcommand{\f}[2]{…}` (and `\renewcommand`, `\providecommand`,
 * starred or not, name braced or bare), `\def\f#1#2{…}` (and `\gdef`, `\edef`, `\xdef`, taken as plain `\def`),
 * `\DeclareMathOperator{\f}{text}`. An optional argument's default is not supported by KaTeX's string macros and
 * is dropped; the number of arguments is what the body uses.
 */
export function macroDefinitions(tex: string): MacroDefinition[] {
  const found: MacroDefinition[] = [];
  for (const match of tex.matchAll(DEFINING)) {
    const kind = match[1]!;
    let at = match.index + match[0].length;
    const star = tex[at] === '*';
    if (star) at++;
    if (kind === 'def' || kind === 'gdef' || kind === 'edef' || kind === 'xdef') {
      const name = readCommandName(tex, at);
      if (!name) continue;
      const open = tex.indexOf('{', name.end);
      if (open < 0 || !/^(\s*#\d)*\s*$/.test(tex.slice(name.end, open))) continue;
      const body = readGroup(tex, open);
      if (body) found.push({ name: name.name, body: body.content, from: match.index, to: body.end });
      continue;
    }
    const braced = readGroup(tex, at);
    const name = braced ? readCommandName(braced.content, 0) : readCommandName(tex, at);
    if (!name) continue;
    at = braced ? braced.end : name.end;
    if (kind === 'DeclareMathOperator') {
      const text = readGroup(tex, at);
      if (text) found.push({ name: name.name, body: `\\operatorname${star ? '*' : ''}{${text.content}}`, from: match.index, to: text.end });
      continue;
    }
    const count = readOptional(tex, at);
    if (count) at = count.end;
    const fallback = count ? readOptional(tex, at) : null;
    if (fallback) at = fallback.end;
    const body = readGroup(tex, at);
    if (body) found.push({ name: name.name, body: body.content, from: match.index, to: body.end, ...(kind === 'providecommand' ? { provide: true } : {}) });
  }
  return found;
}

/** The scope after some definitions take effect; the same scope when they change nothing. */
export function extendScope(scope: MacroScope, definitions: readonly MacroDefinition[]): MacroScope {
  let macros: Record<string, string> | null = null;
  for (const { name, body, provide } of definitions) {
    const current = macros ?? scope.macros;
    if ((provide && name in current) || current[name] === body) continue;
    macros ??= { ...scope.macros };
    macros[name] = body;
  }
  return macros ? { key: macroHash(macros), macros } : scope;
}

/** TeX without its `%` comments (an escaped `\%` stays). */
export function withoutComments(tex: string): string {
  return tex.replace(/(^|[^\\])%.*$/gm, '$1');
}

/** The scope a vault's preamble gives every note. */
export function preambleScope(preamble: string): MacroScope {
  if (preamble.length > MAX_PREAMBLE_CHARS) return NO_MACROS;
  return extendScope(NO_MACROS, macroDefinitions(withoutComments(preamble)));
}
