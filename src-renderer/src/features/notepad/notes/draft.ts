import type { DocumentText } from '../editor/document-text';

/**
 * The open note's text as the writer typed it, and whether it still needs saving. Kept from the editor's own change
 * reports, so it survives the editor's teardown intact. Not store state on purpose: every keystroke updates it, and
 * a keystroke must notify no one (the store's status changes only on the first one after a save).
 */
export class Draft {
  private latest: DocumentText = '';
  private unsaved = false;
  private edits = 0;
  private oldestUnsavedEdit: number | null = null;

  /** The text as typed, saved or not. */
  text(): string {
    return this.latest.toString();
  }

  get dirty(): boolean {
    return this.unsaved;
  }

  /** When the oldest unsaved edit was made (null: none since the last save); autosave never lets it wait long. */
  get dirtySince(): number | null {
    return this.oldestUnsavedEdit;
  }

  /** The writer typed: `text` is the whole document after the edit. */
  edited(text: DocumentText, now: number): void {
    this.latest = text;
    this.unsaved = true;
    this.edits++;
    this.oldestUnsavedEdit ??= now;
  }

  /** Another text is shown (opened, taken from disk); it is not an edit, so nothing more needs saving for it. */
  replace(text: string): void {
    this.latest = text;
  }

  /** What a save writes: the text now, and a mark to tell later whether the writer typed on meanwhile. */
  snapshot(): { content: string; mark: number } {
    return { content: this.text(), mark: this.edits };
  }

  /** The save of `mark` succeeded: true if nothing was typed since (all saved), false if newer edits wait. */
  saved(mark: number): boolean {
    if (mark !== this.edits) return false;
    this.forget();
    return true;
  }

  /** The text must be written again even without a new edit (the writer chose to keep it over the disk's). */
  markUnsaved(): void {
    this.unsaved = true;
  }

  /** The text no longer needs saving here (another note opened, the note deleted, the disk's version taken). */
  forget(): void {
    this.unsaved = false;
    this.oldestUnsavedEdit = null;
  }
}
