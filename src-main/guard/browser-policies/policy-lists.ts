/** Helpers the policy documents share: JSON objects read defensively and list policies merged without duplicates. */

export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The strings of a list policy (anything else in it is kept out of ours, never rewritten in theirs). */
export function stringsOf(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

/** Theirs first, then ours, each once. */
export function mergeLists(theirs: readonly string[], ours: readonly string[]): string[] {
  return [...new Set([...theirs, ...ours])];
}

/** Parses a JSON document that must be an object; throws a message that names the file. */
export function parseJsonObject(bytes: Buffer, what: string): JsonObject {
  let value: unknown;
  try {
    value = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw new Error(`${what} is not valid JSON; the guard leaves it alone`);
  }
  if (!isObject(value)) throw new Error(`${what} is not a JSON object; the guard leaves it alone`);
  return value;
}

/** `target` with each of `keys` set back to its value in `before`, or removed where `before` had none. */
export function withKeysAsBefore(target: JsonObject, before: JsonObject, keys: readonly string[]): JsonObject {
  const out = { ...target };
  for (const key of keys) {
    if (key in before) out[key] = before[key];
    else delete out[key];
  }
  return out;
}
