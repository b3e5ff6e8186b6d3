import type { ReflectionFacts as Facts, ReflectionNoteRef } from '../../../../src-main/contract/reflections';
import { useMessages } from '../../app/i18n/messages';
import { useLocale } from '../../app/i18n/use-locale';
import { useNavigation } from '../../app/navigation';
import { useNotesStore } from '../notepad';
import { ProtectionList } from '../protections';
import { clockOf, mediumDay } from './day-format';
import { reflectionsMessages } from './reflections-messages';

/** Opens a note saved during the session in the notepad (which loads lazily and then shows it). */
export function openNoteInNotepad(name: string): void {
  useNavigation.getState().show('notepad');
  void useNotesStore.getState().openNote(name);
}

/** Each app the user reached for during the session (and Stillroom closed), most first. */
function appLaunches(facts: Facts) {
  const apps = facts.protections.find((status) => status.id === 'apps');
  return apps?.state === 'active' ? apps.detail.launches : [];
}

/** What the core recorded about the session: shown as it is, never editable. */
export function ReflectionFacts({ facts, day, path }: { facts: Facts; day: string; path: string }) {
  const t = useMessages(reflectionsMessages);
  const locale = useLocale();
  return (
    <section className="reflection-facts" aria-labelledby="reflection-facts-title">
      <h3 id="reflection-facts-title">{t('facts.heading')}</h3>
      <dl className="facts-list">
        <div>
          <dt>{t('facts.when')}</dt>
          <dd>
            {mediumDay(day, locale)}, {clockOf(facts.startedAt, locale)}–{clockOf(facts.endedAt, locale)}
          </dd>
        </div>
        <div>
          <dt>{t('facts.planned')}</dt>
          <dd data-testid="fact-planned">{t('facts.minutes', { minutes: facts.plannedMinutes })}</dd>
        </div>
        <div>
          <dt>{t('facts.actual')}</dt>
          <dd data-testid="fact-actual">{t('facts.minutes', { minutes: facts.actualMinutes })}</dd>
        </div>
        <div>
          <dt>{t('facts.ending')}</dt>
          <dd>{facts.ending === 'completed' ? t('facts.completed') : t('facts.endedEarly')}</dd>
        </div>
        {facts.ending === 'ended-early' && (
          <div>
            <dt>{t('facts.reason')}</dt>
            <dd>{facts.earlyEndReason ? `“${facts.earlyEndReason}”` : t('facts.noReason')}</dd>
          </div>
        )}
        <div>
          <dt>{t('facts.file')}</dt>
          <dd className="fact-path">{path}</dd>
        </div>
      </dl>
      {/* The protection list brings its own heading, a level under the facts' one like the notes' below. */}
      {facts.protections.length === 0 ? (
        <p className="quiet">{t('facts.noProtections')}</p>
      ) : (
        <ProtectionList protections={facts.protections} afterEnd heading="h4" />
      )}
      {/* Reaches for blocked sites, one quiet line each and a note that they are approximate (connections, not
          intentions); nothing when none were counted or there were none. */}
      {facts.reached && facts.reached.length > 0 && (
        <>
          <ul className="fact-reached quiet">
            {facts.reached.map(({ host, count }) => (
              <li key={host}>{t('facts.reached', { host, count })}</li>
            ))}
          </ul>
          <p className="fact-reached-note quiet">{t('facts.reachedApproximate')}</p>
        </>
      )}
      {/* Apps closed during the session, one quiet line each, from the apps protection's last status. */}
      {appLaunches(facts).length > 0 && (
        <ul className="fact-reached quiet" data-testid="fact-reached-apps">
          {appLaunches(facts).map(({ appId, names, attempts }) => (
            <li key={appId}>{t('facts.reachedApp', { app: names[locale], count: attempts })}</li>
          ))}
        </ul>
      )}
      <h4>{t('facts.notes')}</h4>
      {facts.notes.length === 0 ? (
        <p className="quiet">{t('facts.noNotes')}</p>
      ) : (
        <ul className="fact-notes">
          {facts.notes.map((note) => (
            <li key={note.name}>
              <NoteLine note={note} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** Where the note's title goes in the translated sentence, so the title alone is the link in either word order. */
const TITLE_SLOT = '\u0000';

/**
 * One note of the session: "12 equations in “Lemma 3”" (added + changed, the split beside it when some were
 * edited), or just the title when its formulas did not change or were not counted (null: recorded before Stillroom
 * counted them). The title is the link that opens the note.
 */
function NoteLine({ note }: { note: ReflectionNoteRef }) {
  const t = useMessages(reflectionsMessages);
  const added = note.formulasAdded ?? 0;
  const changed = note.formulasChanged ?? 0;
  const count = added + changed;
  const [before = '', after = ''] = count === 0 ? [] : t('facts.equationsIn', { count, title: TITLE_SLOT }).split(TITLE_SLOT);
  return (
    <>
      {before}
      <button type="button" className="link-button" aria-label={t('facts.openNote', { title: note.title })} onClick={() => openNoteInNotepad(note.name)}>
        {note.title}
      </button>
      {after}
      {changed > 0 && <span className="quiet"> · {t('facts.formulaSplit', { added, changed })}</span>}
    </>
  );
}
