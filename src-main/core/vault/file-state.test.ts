import { execFile } from 'node:child_process';
import { mkdtemp, mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decodeText, readBoundedFile, versionOf } from './file-state';

const run = promisify(execFile);
let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'note-file-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('readBoundedFile', () => {
  it('reads text and versions it by content', async () => {
    const bytes = Buffer.from('# Ω\n\n$e^{i\\pi}+1=0$ 傅里叶\n', 'utf8');
    await writeFile(join(dir, 'a.md'), bytes);
    const state = await readBoundedFile(join(dir, 'a.md'));
    expect(state).toMatchObject({ status: 'text', content: bytes.toString('utf8'), version: versionOf(bytes), size: bytes.length });
  });

  it('keeps a byte-order mark and CRLF so a save writes the same bytes back', async () => {
    const bytes = Buffer.from('\ufeffline one\r\nline two\r\n', 'utf8');
    await writeFile(join(dir, 'bom.md'), bytes);
    const state = await readBoundedFile(join(dir, 'bom.md'));
    expect(Buffer.from(state?.content ?? '', 'utf8').equals(bytes)).toBe(true);
  });

  it('opens a 5 MB note', async () => {
    const content = 'The integral $\\int_0^1 x^2\\,dx = 1/3$ holds.\n'.repeat(120_000);
    expect(content.length).toBeGreaterThan(5_000_000);
    await writeFile(join(dir, 'big.md'), content);
    const state = await readBoundedFile(join(dir, 'big.md'));
    expect(state?.status).toBe('text');
    expect(state?.content?.length).toBe(content.length);
  });

  it('refuses binary files and invalid UTF-8 as not text', async () => {
    await writeFile(join(dir, 'png.md'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]));
    await writeFile(join(dir, 'latin1.md'), Buffer.from([0x63, 0x61, 0x66, 0xe9]));
    await writeFile(join(dir, 'nul.md'), Buffer.from('text\u0000more', 'utf8'));
    for (const name of ['png.md', 'latin1.md', 'nul.md']) {
      const state = await readBoundedFile(join(dir, name));
      expect(state).toMatchObject({ status: 'not-text', content: null });
    }
  });

  it('does not read a file over the cap', async () => {
    await writeFile(join(dir, 'huge.md'), Buffer.alloc(2048, 0x61));
    expect(await readBoundedFile(join(dir, 'huge.md'), 1024)).toMatchObject({ status: 'too-large', content: null, size: 2048 });
  });

  it('answers null for a missing file or a folder', async () => {
    expect(await readBoundedFile(join(dir, 'none.md'))).toBeNull();
    await mkdir(join(dir, 'folder.md'));
    expect(await readBoundedFile(join(dir, 'folder.md'))).toBeNull();
  });

  it.skipIf(process.platform === 'win32')('answers unreadable at once for a named pipe or a device instead of waiting on it', async () => {
    await run('mkfifo', [join(dir, 'pipe.md')], { timeout: 5_000 });
    expect(await readBoundedFile(join(dir, 'pipe.md'))).toMatchObject({ status: 'unreadable', content: null, version: null });
    expect(await readBoundedFile('/dev/zero')).toMatchObject({ status: 'unreadable', content: null });
  });

  // Issue 9, item 1: `/proc` files say size 0 and never end; reading "the whole file" never finished.
  it.skipIf(process.platform !== 'linux')('reads at most the cap and one byte of a file that says it is empty and never ends', async () => {
    const before = process.memoryUsage().rss;
    const started = Date.now();
    const state = await readBoundedFile('/proc/self/pagemap', 1024 * 1024);
    expect(state).toMatchObject({ status: 'too-large', content: null, version: null });
    expect(state?.size).toBeGreaterThan(1024 * 1024);
    expect(state?.size).toBeLessThanOrEqual(1024 * 1024 + 4096);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(process.memoryUsage().rss - before).toBeLessThan(64 * 1024 * 1024);
  });

  it.skipIf(process.platform === 'win32')('never follows a link: the caller resolves links first and hands in the real file', async () => {
    await writeFile(join(dir, 'target.md'), 'secret');
    await symlink(join(dir, 'target.md'), join(dir, 'link.md'));
    expect(await readBoundedFile(join(dir, 'link.md'))).toMatchObject({ status: 'unreadable', content: null });
  });

  it.skipIf(process.platform !== 'linux')('answers outside-link, unread, when the opened file is not inside the given folder', async () => {
    await mkdir(join(dir, 'vault'));
    await writeFile(join(dir, 'outside.md'), 'secret');
    expect(await readBoundedFile(join(dir, 'outside.md'), 1024, join(dir, 'vault'))).toMatchObject({ status: 'outside-link', content: null, size: 0 });
  });

  it('decodes only strict UTF-8', () => {
    expect(decodeText(Buffer.from([0xed, 0xa0, 0x80]))).toBeNull(); // a lone surrogate
    expect(decodeText(Buffer.from('ok', 'utf8'))).toBe('ok');
  });
});
