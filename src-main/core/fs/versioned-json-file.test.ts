import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { readVersionedJson, type StoredFormat } from './versioned-json-file';

const folder = mkdtempSync(join(tmpdir(), 'stillroom-versioned-json-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

// A format at version 3 whose field was renamed at 1 → 2 and gained a default at 2 → 3.
const Document = z.object({ version: z.literal(3), minutes: z.number(), label: z.string() }).strict();
const format: StoredFormat<z.infer<typeof Document>> = {
  version: 3,
  schema: Document,
  migrations: [
    { from: 1, migrate: ({ length, ...rest }) => ({ ...rest, minutes: length, version: 2 }) },
    { from: 2, migrate: (document) => ({ ...document, label: document.label ?? 'untitled', version: 3 }) },
  ],
};

let count = 0;
function file(content: string): string {
  const path = join(folder, `doc-${count++}.json`);
  writeFileSync(path, content);
  return path;
}

describe('readVersionedJson', () => {
  it('reads a current file as it is', async () => {
    const path = file(JSON.stringify({ version: 3, minutes: 25, label: 'a' }));
    expect(await readVersionedJson(path, format)).toEqual({ kind: 'read', document: { version: 3, minutes: 25, label: 'a' }, migratedFrom: null });
  });

  it('brings an old file through every step to the current version, leaving the file for the next write', async () => {
    const text = JSON.stringify({ version: 1, length: 50 });
    const path = file(text);
    expect(await readVersionedJson(path, format)).toEqual({ kind: 'read', document: { version: 3, minutes: 50, label: 'untitled' }, migratedFrom: 1 });
    expect(readFileSync(path, 'utf8')).toBe(text);
  });

  it('refuses a file from a newer version: not read, kept byte for byte under a name that says why', async () => {
    const text = '{"version": 4, "minutes": 25, "label": "a", "more": [1, 2]}';
    const path = file(text);
    const read = await readVersionedJson(path, format);
    expect(read).toEqual({ kind: 'newer', version: 4, movedTo: `${path}.newer-v4` });
    expect(existsSync(path)).toBe(false);
    expect(readFileSync(`${path}.newer-v4`, 'utf8')).toBe(text);
  });

  it.each([
    ['not JSON', '{"version": 3,', /JSON/],
    ['not an object', '[1, 2]', /does not hold an object/],
    ['a version that is no number', '{"version": "3"}', /version is not a version number/],
    ['a version no migration starts from', '{"minutes": 25}', /no migration from version 0/],
    ['a current version with a wrong field', '{"version": 3, "minutes": "25", "label": "a"}', /^minutes: /],
  ])('moves a corrupt file aside (%s) and says why', async (_name, text, reason) => {
    const path = file(text);
    const read = await readVersionedJson(path, format);
    expect(read).toMatchObject({ kind: 'corrupt', movedTo: `${path}.corrupt` });
    expect(read.kind === 'corrupt' && read.reason).toMatch(reason);
    expect(readFileSync(`${path}.corrupt`, 'utf8')).toBe(text);
  });

  it('says when there is no file', async () => {
    expect(await readVersionedJson(join(folder, 'none.json'), format)).toEqual({ kind: 'missing' });
  });
});
