/**
 * The text of save number `i` in the crash test: a header naming `i`, then a body whose length depends on `i`,
 * so a file that is a mix of two saves, or cut short, cannot pass for any whole save. About 1 MB: large enough
 * that a plain (non-atomic) write is caught within a few kills (checked by swapping one in), small enough for
 * 50 kills in well under a minute.
 */
export function crashNoteContent(i: number): string {
  const line = `save ${i}: $\\int_0^{${i}} x\\,dx = ${(i * i) / 2}$ 傅里叶\n`;
  return `save ${i}\n${line.repeat(24_000 + (i % 7) * 2_000)}end ${i}\n`;
}

/** Which save a file holds, from its header; 0 for the starting text. */
export function crashNoteIteration(content: string): number {
  const match = /^save (\d+)\n/.exec(content);
  return match ? Number(match[1]) : 0;
}
