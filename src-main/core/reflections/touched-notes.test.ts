import { utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MINUTE, type FocusSession } from '../../contract/session';
import { DomainError } from '../domain-error';
import { createTestCore, type TestCore } from '../../../test-support/test-core';
import { TouchedNotes } from './touched-notes';

// A TouchedNotes of the test's own over a real core's vault and session: the writes go to real files, the session
// runs, ends and is resumed as in the app; the core's own TouchedNotes sees none of these writes.
const cores: TestCore[] = [];
afterEach(async () => {
  for (const test of cores.splice(0).reverse()) await test.dispose();
});

async function coreAt(root?: string): Promise<TestCore> {
  const test = await createTestCore(root ? { root } : {});
  cores.push(test);
  return test;
}

function sessionIn(test: TestCore, phase: 'running' | 'ended'): FocusSession {
  const state = test.core.session.state();
  if (state.phase !== phase) throw new Error(`expected a session ${phase}, found ${state.phase}`);
  return state.session;
}

describe('the notes a session touched', () => {
  it('lists what the session wrote, with the formulas each gained since the text it found, and nothing else', async () => {
    const test = await coreAt();
    const notes = () => test.core.notes;
    const touched = new TouchedNotes(notes);
    const stop = touched.follow(test.core.session);
    const lemma = await touched.add(() => notes().create('Lemma 3', 'Known: $a$ and $b$.'));
    const untouched = await notes().create('Untouched', 'old');

    await test.core.session.start({ minutes: 25, mode: 'flexible' });
    // The first write reads the text the session found on disk; the last one is what counts.
    const found = await notes().read(lemma.name);
    const first = await touched.overwrite(lemma.name, () => notes().save(lemma.name, 'Known: $a$ and $b$. New: $c$.', found.version), () => 'Known: $a$ and $b$. New: $c$.');
    await touched.overwrite(lemma.name, () => notes().save(lemma.name, 'Known: $a$ and $b+1$. New: $c$, $d$.', first.version), () => 'Known: $a$ and $b+1$. New: $c$, $d$.');
    const draft = await touched.add(() => notes().create('Draft', 'Let $x = 1$.'));
    await touched.rename(draft.name, () => notes().rename(draft.name, '引理 3 草稿'));
    // A refused write (the file changed since it was read) was not the session's.
    const stale = await touched
      .overwrite(untouched.name, () => notes().save(untouched.name, 'lost', 'f'.repeat(64)), () => 'lost')
      .catch((error: unknown) => error);
    expect(stale).toBeInstanceOf(DomainError);
    // Another program editing a note during the session does not make it the session's: this one followed it all.
    await writeFile(join(test.vaultDir, 'Notes', untouched.name), 'edited elsewhere');
    await notes().rescan();

    test.clock.advance(10 * MINUTE);
    await test.core.session.end({ kind: 'confirm' });
    const after = await touched.add(() => notes().create('After the session'));
    const session = sessionIn(test, 'ended');
    expect(touched.of(session)).toEqual([
      { name: lemma.name, title: 'Lemma 3', formulasAdded: 2, formulasChanged: 1 },
      { name: '引理 3 草稿.md', title: '引理 3 草稿', formulasAdded: 1, formulasChanged: 0 },
    ]);
    expect(touched.of(session).map((note) => note.name)).not.toContain(after.name);
    stop();
  });

  it('keeps a note a save named after its heading as one note, under its new name', async () => {
    const test = await coreAt();
    const notes = () => test.core.notes;
    const touched = new TouchedNotes(notes);
    const stop = touched.follow(test.core.session);
    await test.core.session.start({ minutes: 25, mode: 'flexible' });
    const created = await touched.add(() => notes().create('Untitled'));
    const first = await touched.overwrite(created.name, () => notes().save(created.name, '# Heat kernel\n$k_t$', created.version, { nameFromText: true }), () => '# Heat kernel\n$k_t$');
    expect(first.name).toBe('Heat kernel.md');
    await touched.overwrite(first.name, () => notes().save(first.name, '# Heat kernel\n$k_t$, $p_t$', first.version, { nameFromText: true }), () => '# Heat kernel\n$k_t$, $p_t$');
    test.clock.advance(10 * MINUTE);
    await test.core.session.end({ kind: 'confirm' });
    expect(touched.of(sessionIn(test, 'ended'))).toEqual([{ name: 'Heat kernel.md', title: 'Heat kernel', formulasAdded: 2, formulasChanged: 0 }]);
    stop();
  });

  it('a session resumed after a restart adds every note whose file changed while it ran, uncounted', async () => {
    const first = await coreAt();
    await first.core.notes.create('Outline', 'Step $1$.');
    await first.core.notes.create('Old', 'untouched');
    await first.core.session.start({ minutes: 50, mode: 'flexible' });
    const { startedAt } = sessionIn(first, 'running');
    await first.core.dispose();
    cores.splice(cores.indexOf(first), 1);

    // The files' times as a real run would leave them: one note written before the quit, one long before the session.
    const notesDir = join(first.root, 'vault', 'Notes');
    await writeFile(join(notesDir, 'Outline.md'), 'Step $1$, then $2$.');
    await utimes(join(notesDir, 'Outline.md'), new Date(startedAt + 5 * MINUTE), new Date(startedAt + 5 * MINUTE));
    await utimes(join(notesDir, 'Old.md'), new Date(startedAt - 60 * MINUTE), new Date(startedAt - 60 * MINUTE));

    const second = await coreAt(first.root);
    const notes = () => second.core.notes;
    await notes().rescan();
    const touched = new TouchedNotes(notes);
    const stop = touched.follow(second.core.session);
    expect(sessionIn(second, 'running').startedAt).toBe(startedAt);
    const proof = await touched.add(() => notes().create('Proof', 'By $n$.'));
    second.clock.advance(20 * MINUTE);
    await second.core.session.end({ kind: 'confirm' });

    // What it wrote after the restart is counted; what changed before it is only known by its file's time.
    expect(touched.of(sessionIn(second, 'ended'))).toEqual([
      { name: proof.name, title: 'Proof', formulasAdded: 1, formulasChanged: 0 },
      { name: 'Outline.md', title: 'Outline', formulasAdded: null, formulasChanged: null },
    ]);
    stop();
  });
});
