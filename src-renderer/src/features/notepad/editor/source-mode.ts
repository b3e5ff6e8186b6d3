import { Compartment, Facet, Prec, type EditorState, type Extension } from '@codemirror/state';
import { keymap, type Command, type EditorView } from '@codemirror/view';

// Holds the live extensions (preview, styling, math motion) or nothing in source mode.
const live = new Compartment();

/** The live extensions themselves, so the toggle can put them back. */
const liveExtensions = Facet.define<Extension, Extension>({ combine: (values) => values[0] ?? [] });

export function isSourceMode(state: EditorState): boolean {
  return live.get(state) !== state.facet(liveExtensions);
}

export function setSourceMode(view: EditorView, on: boolean): void {
  if (isSourceMode(view.state) === on) return;
  view.dispatch({ effects: live.reconfigure(on ? [] : view.state.facet(liveExtensions)) });
}

export const toggleSourceMode: Command = (view) => {
  setSourceMode(view, !isSourceMode(view.state));
  return true;
};

/**
 * Plain-source mode: one key (Mod-/) turns every live extension off and back on. It outranks the
 * default keymap, where Mod-/ would wrap the line in an HTML comment.
 */
export function sourceMode(liveExtension: Extension, initiallyOn = false): Extension {
  return [
    liveExtensions.of(liveExtension),
    live.of(initiallyOn ? [] : liveExtension),
    Prec.high(keymap.of([{ key: 'Mod-/', run: toggleSourceMode }])),
  ];
}
