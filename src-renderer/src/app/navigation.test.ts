import { beforeEach, describe, expect, it } from 'vitest';
import { useNavigation, viewIds } from './navigation';

const initial = useNavigation.getState();
beforeEach(() => useNavigation.setState(initial, true));

describe('navigation', () => {
  it('starts on Focus with the chrome shown and nothing to focus', () => {
    expect(useNavigation.getState()).toMatchObject({ view: 'focus', chromeHidden: false, titleFocusPending: false });
    expect(viewIds).toEqual(['focus', 'notepad', 'reflections', 'settings']);
  });

  it('going to a view asks its title to take keyboard focus; hiding the chrome does not', () => {
    useNavigation.getState().go('reflections');
    expect(useNavigation.getState()).toMatchObject({ view: 'reflections', titleFocusPending: true });
    useNavigation.getState().titleFocused();
    useNavigation.getState().setChromeHidden(true);
    expect(useNavigation.getState()).toMatchObject({ view: 'reflections', chromeHidden: true, titleFocusPending: false });
  });

  it('shows a view whose own control takes focus without asking its title, and can ask the title again', () => {
    useNavigation.getState().show('notepad');
    expect(useNavigation.getState()).toMatchObject({ view: 'notepad', titleFocusPending: false });
    useNavigation.getState().focusTitle();
    expect(useNavigation.getState().titleFocusPending).toBe(true);
  });
});
