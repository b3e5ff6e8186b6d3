import { isMap, isScalar, visit, type Document } from 'yaml';

/**
 * The most front matter a reflection file may hold. The largest Stillroom writes (200 notes with the longest names
 * and titles, 200 reached sites with the longest names and the 2,000 reaches the guard keeps a lease, 50 of the
 * longest parked thoughts each made a note, the longest intent and tags) is 305 KiB; a usual one is 1 to 3 KiB. Past the cap (five thirds of that), the file is not one of ours.
 */
export const FRONT_MATTER_MAX_BYTES = 512 * 1024;

/**
 * The most YAML nodes (as `nodeBound` counts them) it may make: about twice the 7,830 of that largest one. A parse takes
 * time in proportion to the nodes, so a file past this is listed as too large rather than parsed: no file in the
 * folder holds up the calls the core answers for longer than a parse of this many (about 0.1 s; 0.4 s on a busy one).
 */
export const FRONT_MATTER_MAX_NODES = 15_000;

const LINE_FEED = 0x0a;
const STARTS_NODE = new Set([LINE_FEED, 0x2c /* , */, 0x5b /* [ */, 0x7b /* { */, 0x3f /* ? */]);
const INDICATOR = new Set([0x2d /* - */, 0x3a /* : */]);
const BLANK = new Set([0x20, 0x09, 0x0d, LINE_FEED]);

/**
 * An upper bound on the nodes YAML can make of the text, counted in one pass before parsing: every node after the
 * first starts after a line break, a flow indicator (`,` `[` `{`), an explicit key (`?`), or a `- ` or `: `.
 */
export function nodeBound(yaml: string): number {
  let count = 1;
  for (let at = 0; at < yaml.length; at++) {
    const code = yaml.charCodeAt(at);
    if (STARTS_NODE.has(code)) count++;
    else if (INDICATOR.has(code) && (at + 1 === yaml.length || BLANK.has(yaml.charCodeAt(at + 1)))) count++;
  }
  return count;
}

/** Why the front matter is refused before it is parsed, or null when it is within both caps. */
export function frontMatterOverCaps(yaml: string): string | null {
  const bytes = Buffer.byteLength(yaml, 'utf8');
  if (bytes > FRONT_MATTER_MAX_BYTES) return `front matter of ${Math.ceil(bytes / 1024)} KiB, over the ${FRONT_MATTER_MAX_BYTES / 1024} KiB a reflection may hold`;
  if (nodeBound(yaml) > FRONT_MATTER_MAX_NODES) return `front matter with more than ${FRONT_MATTER_MAX_NODES} entries`;
  return null;
}

/**
 * The first key a map holds twice, found in one pass with a set per map. The yaml library's own check compares each
 * key with every key before it, which grows with the square of the keys. Keys compare as yaml compares them: plain
 * values by value, anything else (a list or map as a key) only as itself.
 */
export function repeatedKey(document: Document): string | null {
  let repeated: string | null = null;
  visit(document, {
    Map(_, map) {
      if (!isMap(map)) return;
      const seen = new Set<unknown>();
      for (const { key } of map.items) {
        const identity = isScalar(key) ? key.value : key;
        if (seen.has(identity)) {
          repeated = String(identity).slice(0, 100);
          return visit.BREAK;
        }
        seen.add(identity);
      }
    },
  });
  return repeated;
}
