import { useNavigation } from '../../app/navigation';
import { useReflectionsStore } from './reflections-store';

/**
 * Goes to the Reflections view with the prompt open: on that session's entry, or (null, or the entry not in the
 * log yet) on the most recent one still waiting. Without a waiting one the view shows the log.
 */
export async function openReflection(sessionId: string | null): Promise<boolean> {
  useNavigation.getState().go('reflections');
  const store = useReflectionsStore.getState();
  if (sessionId !== null && (await store.openEntry(sessionId))) return true;
  if (sessionId !== null) store.clearError();
  return store.openPending();
}
