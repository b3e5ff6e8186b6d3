import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, readdir, rm, stat, symlink, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../clock';
import { SettingsService } from '../settings/settings-service';
import { JsonFileSettingsStorage } from '../settings/json-file-storage';
import { versionOf, type FileState } from './file-state';
import { ANY_VERSION, VaultFiles, refusalOf } from './vault-files';
import { VaultSelection } from './vault-selection';
import { WatchedFolder, type FolderIndex } from './watched-folder';

// The vault layer as the stores use it, over real folders: random interleavings of saves, renames and vault
// switches (started without waiting for each other), edits by other programs between them, and writes aimed
// through links out of the vault. A model applies each call in the order it reached its vault's queue; the disk
// must end exactly as the model says (no write lost, none made over a version it did not expect), and nothing
// outside the two vaults may change.

const NAMES = ['a.md', 'b.md', 'c.md'];
const CANARY_TIME = new Date(Date.UTC(2020, 0, 1));

type Op =
  | { kind: 'save'; name: string; fresh: boolean }
  | { kind: 'rename'; from: string; to: string }
  | { kind: 'switch'; to: 0 | 1 }
  | { kind: 'external-write'; vault: 0 | 1; name: string }
  | { kind: 'external-delete'; vault: 0 | 1; name: string }
  | { kind: 'escape'; through: 'file-link' | 'folder-link' };

const name = fc.constantFrom(...NAMES);
const vaultIndex = fc.constantFrom(0 as const, 1 as const);
const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('save' as const), name, fresh: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('rename' as const), from: name, to: name }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('switch' as const), to: vaultIndex }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('external-write' as const), vault: vaultIndex, name }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('external-delete' as const), vault: vaultIndex, name }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constantFrom('escape' as const), through: fc.constantFrom('file-link' as const, 'folder-link' as const) }) },
);

/** What one vault holds for the test: the layer's file API and its watched `Notes/` folder over a plain map. */
interface Opened {
  readonly folder: string;
  readonly files: VaultFiles;
  readonly notes: WatchedFolder<FileState>;
  readonly index: Map<string, FileState>;
  close(): Promise<void>;
}

async function openVault(folder: string): Promise<Opened> {
  const files = new VaultFiles(folder);
  const index = new Map<string, FileState>();
  const folderIndex: FolderIndex<FileState> = {
    stamp: (path) => {
      const state = index.get(path);
      return state && { mtimeMs: state.modifiedAt, size: state.size };
    },
    set: (path, state) => index.set(path, state) !== undefined,
    delete: (path) => index.delete(path),
    paths: () => index.keys(),
  };
  const notes = new WatchedFolder<FileState>(
    { label: 'test', folder: 'Notes', depth: 0, accepts: (path) => path.endsWith('.md'), index: folderIndex, read: (path, at) => files.read(join(at.folder, path), 1024, at.root) },
    { files, clock: new ManualClock(0), log: () => undefined, watch: false, onChange: () => undefined },
  );
  await notes.start();
  await notes.whenIndexed();
  return { folder, files, notes, index, close: () => notes.close() };
}

let root: string;
let outside: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'vault-property-'));
  outside = join(root, 'outside');
  await mkdir(outside);
  await writeFile(join(outside, 'canary.md'), 'never written');
  await utimes(join(outside, 'canary.md'), CANARY_TIME, CANARY_TIME);
});
afterAll(() => rm(root, { recursive: true, force: true }));

describe('the vault layer under random interleavings', () => {
  it('loses no write, writes over no unseen change, and writes nothing outside the vault', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 24 }), async (ops) => {
        const base = join(root, `run-${run++}`);
        const folders = [join(base, 'A'), join(base, 'B')] as const;
        for (const folder of folders) {
          await mkdir(join(folder, 'Notes'), { recursive: true });
          await symlink(join(outside, 'canary.md'), join(folder, 'Notes', 'escape.md'));
          await symlink(outside, join(folder, 'Linked'));
        }
        const settings = await SettingsService.open(new JsonFileSettingsStorage(join(base, 'settings.json')), new ManualClock(0));
        const selection = await VaultSelection.open({ settings, defaultFolder: folders[0], canChoose: true, openVault, onSwitched: () => undefined });
        // The model: each vault's files by name, as the calls that reached its queue, in order, leave them.
        const model = folders.map(() => new Map<string, string>());
        const modelOf = (folder: string) => model[folders.indexOf(folder as (typeof folders)[number])]!;
        const pending: Promise<void>[] = [];
        const settle = async () => {
          await Promise.all(pending.splice(0));
        };
        let counter = 0;
        for (const step of ops) {
          const text = `${step.kind} ${counter++}\n`;
          if (step.kind === 'switch') {
            pending.push(selection.setFolder(folders[step.to]).then(() => undefined));
            continue;
          }
          if (step.kind === 'external-write' || step.kind === 'external-delete') {
            // Another program acts between the app's calls: after they are done, on either vault.
            await settle();
            const path = join(folders[step.vault], 'Notes', step.name);
            if (step.kind === 'external-write') {
              await writeFile(path, text);
              model[step.vault]!.set(step.name, text);
            } else {
              await rm(path, { force: true });
              model[step.vault]!.delete(step.name);
            }
            continue;
          }
          // The vault in use when the call is made is the one whose queue it joins.
          const vault = selection.vault;
          const files = modelOf(vault.folder);
          if (step.kind === 'escape') {
            const target = step.through === 'file-link' ? join(vault.folder, 'Notes', 'escape.md') : join(vault.folder, 'Linked', 'new.md');
            pending.push(
              vault.notes.run(async () => {
                const refused = await vault.files.write(target, text, { expected: ANY_VERSION }).then(() => null, refusalOf);
                expect(refused).toEqual({ reason: 'outside' });
              }),
            );
          } else if (step.kind === 'save') {
            const current = files.get(step.name);
            const onDisk = current === undefined ? null : versionOf(Buffer.from(current));
            const expected = step.fresh ? onDisk : versionOf(Buffer.from(`stale ${text}`));
            if (expected === onDisk) files.set(step.name, text);
            pending.push(
              vault.notes.run(async () => {
                const outcome = await vault.files.write(join(vault.folder, 'Notes', step.name), text, { expected, maxBytes: 1024 }).then(
                  (written) => written.version,
                  refusalOf,
                );
                expect(outcome).toEqual(expected === onDisk ? versionOf(Buffer.from(text)) : { reason: 'conflict', current: onDisk });
              }),
            );
          } else {
            const moved = files.get(step.from);
            const clash = step.from !== step.to && files.has(step.to);
            const expectedRefusal = moved === undefined ? 'missing' : clash ? 'exists' : null;
            if (expectedRefusal === null && step.from !== step.to) {
              files.delete(step.from);
              files.set(step.to, moved!);
            }
            pending.push(
              vault.notes.run(async () => {
                const outcome = await vault.files.rename(join(vault.folder, 'Notes', step.from), join(vault.folder, 'Notes', step.to)).then(() => null, refusalOf);
                expect(outcome?.reason ?? null).toBe(expectedRefusal);
              }),
            );
          }
        }
        await settle();
        for (const [at, folder] of folders.entries()) {
          const onDisk = new Map<string, string>();
          for (const entry of await readdir(join(folder, 'Notes'))) {
            if (entry !== 'escape.md') onDisk.set(entry, await readFile(join(folder, 'Notes', entry), 'utf8'));
          }
          expect(onDisk).toEqual(model[at]);
        }
        // The index of the vault in use, after a re-scan, is the folder: every file, each as what it is.
        const inUse = selection.vault;
        await inUse.notes.rescan();
        expect(new Map([...inUse.index].map(([path, state]) => [path, state.content ?? state.status]))).toEqual(new Map([...modelOf(inUse.folder), ['escape.md', 'outside-link']]));
        await selection.close();
        // Outside the vaults: the canary as it was, nothing added beside it.
        expect(await readdir(outside)).toEqual(['canary.md']);
        expect(await readFile(join(outside, 'canary.md'), 'utf8')).toBe('never written');
        expect((await stat(join(outside, 'canary.md'))).mtimeMs).toBe(CANARY_TIME.getTime());
        expect(existsSync(join(base, 'Notes'))).toBe(false);
      }),
      { numRuns: 60 },
    );
  }, 120_000);
});
