/**
 * The editor's document as handed out on each edit: immutable, turned into a string on demand (so a keystroke in
 * a large note copies nothing). Its own module, so the notes store can name it without importing the component.
 */
export interface DocumentText {
  toString(): string;
}
