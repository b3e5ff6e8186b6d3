import { Compartment, type EditorState, type Extension } from '@codemirror/state';
import type { Command, EditorView } from '@codemirror/view';

/** An editor feature that can be switched on and off in place, through its own Compartment. */
export class Toggle {
  private readonly compartment = new Compartment();

  constructor(private readonly extension: Extension) {}

  /** The feature's slot in the editor's configuration, initially on or off. */
  of(on: boolean): Extension {
    return this.compartment.of(on ? this.extension : []);
  }

  isOn(state: EditorState): boolean {
    return this.compartment.get(state) === this.extension;
  }

  set(view: EditorView, on: boolean): void {
    if (this.isOn(view.state) !== on) view.dispatch({ effects: this.compartment.reconfigure(on ? this.extension : []) });
  }

  readonly toggle: Command = (view) => {
    this.set(view, !this.isOn(view.state));
    return true;
  };
}
