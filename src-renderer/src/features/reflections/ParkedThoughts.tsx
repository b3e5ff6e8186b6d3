import type { ReflectionThought } from '../../../../src-main/contract/reflections';
import { useMessages } from '../../app/i18n/messages';
import { openNoteInNotepad } from './ReflectionFacts';
import { reflectionsMessages } from './reflections-messages';
import { useReflectionsStore } from './reflections-store';

/**
 * The thoughts parked during the session, each kept here as it is or made a note (named by the thought). A thought
 * made a note links to it.
 */
export function ParkedThoughts({ thoughts }: { thoughts: readonly ReflectionThought[] }) {
  const t = useMessages(reflectionsMessages);
  const busy = useReflectionsStore((store) => store.busy);
  const thoughtToNote = useReflectionsStore((store) => store.thoughtToNote);
  if (thoughts.length === 0) return null;
  return (
    <section className="parked-thoughts" aria-labelledby="parked-thoughts-title" data-testid="parked-thoughts">
      <h3 id="parked-thoughts-title">{t('thoughts.heading', { count: thoughts.length })}</h3>
      <p className="quiet field-hint">{t('thoughts.hint')}</p>
      <ul>
        {thoughts.map((thought, index) => (
          <li key={`${thought.at}-${index}`}>
            <span className="parked-thought">{thought.text}</span>
            {thought.note === null ? (
              <button type="button" aria-label={t('thoughts.makeNoteOf', { thought: thought.text })} disabled={busy} onClick={() => void thoughtToNote(index)}>
                {t('thoughts.makeNote')}
              </button>
            ) : (
              <button type="button" className="link-button" aria-label={t('thoughts.openNote', { thought: thought.text })} onClick={() => openNoteInNotepad(thought.note!)}>
                {t('thoughts.noted')}
              </button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
