/** What the editor component lends the store: a way to show another text, and focus. */
export interface EditorHandle {
  replaceDoc(text: string): void;
  focus(): void;
}

/** The live editor while the notepad shows one; a UI object, so it stays out of the store's state. */
export class EditorLink {
  private handle: EditorHandle | null = null;
  /** A note was created from another view: the editor takes focus once the notepad has mounted it. */
  private focusOnAttach = false;

  get attached(): boolean {
    return this.handle !== null;
  }

  attach(handle: EditorHandle): void {
    this.handle = handle;
    if (this.focusOnAttach) {
      this.focusOnAttach = false;
      handle.focus();
    }
  }

  /** False when `handle` is not the editor attached (a newer one took its place). */
  detach(handle: EditorHandle): boolean {
    if (this.handle !== handle) return false;
    this.handle = null;
    return true;
  }

  /** Lets go of the live editor before the view replaces it: it is shown nothing more, and its detach is a no-op. */
  release(): void {
    this.handle = null;
  }

  /** Shows `text` in the live editor (which does not report it as typing); false when none is mounted. */
  replaceDoc(text: string): boolean {
    this.handle?.replaceDoc(text);
    return this.handle !== null;
  }

  /** Focuses the live editor, if there is one. */
  focus(): void {
    this.handle?.focus();
  }

  /** Focuses the live editor, or the next one mounted. */
  focusSoon(): void {
    if (this.handle) this.handle.focus();
    else this.focusOnAttach = true;
  }
}
