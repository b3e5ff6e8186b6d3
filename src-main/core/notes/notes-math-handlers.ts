import type { notesMathContract } from '../../contract/notes-math';
import type { DomainHandlers } from '../ipc/router';
import type { MathFiles } from './math-files';

/** `mathFiles`: the math files of the vault in use, which a vault switch changes. */
export function notesMathHandlers(mathFiles: () => MathFiles): DomainHandlers<typeof notesMathContract> {
  return {
    preamble: () => mathFiles().preamble(),
    references: () => mathFiles().references(),
    savePreamble: ({ content, baseVersion }) => mathFiles().savePreamble(content, baseVersion),
    snippets: () => mathFiles().snippets(),
    saveSnippets: ({ content, baseVersion }) => mathFiles().saveSnippets(content, baseVersion),
    exportNote: ({ name, format, content }) => mathFiles().exportNote(name, format, content),
  };
}
