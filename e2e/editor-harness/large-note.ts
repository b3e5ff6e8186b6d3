/** The benchmark-shaped note: prose paragraphs, each with inline math, followed by a display equation. */
export function largeNote(formulas: number): string {
  const parts: string[] = ['# A long derivation\n'];
  for (let i = 0; i < formulas / 2; i++) {
    parts.push(
      `Step ${i}: by the estimate $\\|u_{${i}}\\|_{L^2} \\le C\\,\\varepsilon^{${i % 7}}$ and the identity below we obtain:\n`,
      `$$\n\\sum_{k=0}^{${i}} \\binom{${i}}{k} x^k = (1+x)^{${i}}\n$$\n`,
    );
  }
  return parts.join('\n');
}
