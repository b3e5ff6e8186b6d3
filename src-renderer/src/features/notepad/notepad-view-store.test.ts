import { beforeEach, describe, expect, it } from 'vitest';
import { useNotepadViewStore } from './notepad-view-store';

beforeEach(() => useNotepadViewStore.setState({ fullScreen: false, sourceMode: false, searchFocusRequest: 0 }));

describe('the notepad’s layout', () => {
  it('toggles source mode and full screen', () => {
    const view = useNotepadViewStore.getState();
    view.toggleSourceMode();
    expect(useNotepadViewStore.getState().sourceMode).toBe(true);
    view.setSourceMode(false);
    expect(useNotepadViewStore.getState().sourceMode).toBe(false);
    view.setFullScreen(true);
    expect(useNotepadViewStore.getState().fullScreen).toBe(true);
  });

  it('asks the search box for focus out of full screen, where the list is hidden', () => {
    useNotepadViewStore.getState().setFullScreen(true);
    useNotepadViewStore.getState().requestSearchFocus();
    useNotepadViewStore.getState().requestSearchFocus();
    expect(useNotepadViewStore.getState()).toMatchObject({ fullScreen: false, searchFocusRequest: 2 });
  });
});
