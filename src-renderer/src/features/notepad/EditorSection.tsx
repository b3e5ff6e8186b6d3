import { EditorFont, TheoremNumbering, type EditorPrefs } from '../../../../src-main/contract/notes';
import { useMessages } from '../../app/i18n/messages';
import { ChoiceGroup } from '../../ui/ChoiceGroup';
import { useSettingsStore } from '../../app/settings-store';
import { notepadMessages } from './notepad-messages';
import { VaultFolderField } from './VaultFolderField';
import './editor-section.css';

const sizes = [14, 16, 17, 18, 20, 22, 24];
const spacings = [1.4, 1.55, 1.7, 1.85, 2];

/** Settings → Writing: the face, size and spacing of the notepad, its writing aids, Vim keys and theorem numbering, and the notes folder. */
export function EditorSection() {
  const t = useMessages(notepadMessages);
  const editor = useSettingsStore((store) => store.state?.settings.editor);
  const update = useSettingsStore((store) => store.update);
  if (!editor) return null;
  const change = (patch: Partial<EditorPrefs>) => void update({ editor: { ...editor, ...patch } });
  return (
    <section className="settings-section" aria-labelledby="settings-writing">
      <h2 id="settings-writing">{t('settings.title')}</h2>
      <ChoiceGroup
        legend={t('settings.font')}
        name="editor-font"
        options={EditorFont.options}
        value={editor.fontFamily}
        onChange={(font) => change({ fontFamily: font })}
        label={(font) => t(`settings.font.${font}`)}
        optionProps={(font) => ({ className: `font-sample font-${font}` })}
      />
      <div className="field-row">
        <label>
          {t('settings.fontSize')}{' '}
          <select value={editor.fontSize} onChange={(event) => change({ fontSize: Number(event.target.value) })}>
            {[...new Set([...sizes, editor.fontSize])].sort((a, b) => a - b).map((size) => (
              <option key={size} value={size}>
                {size} px
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('settings.lineHeight')}{' '}
          <select value={editor.lineHeight} onChange={(event) => change({ lineHeight: Number(event.target.value) })}>
            {[...new Set([...spacings, editor.lineHeight])].sort((a, b) => a - b).map((spacing) => (
              <option key={spacing} value={spacing}>
                {spacing.toFixed(2)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div className="field-row">
        <label className="choice">
          <input type="checkbox" checked={editor.focusDimming} onChange={(event) => change({ focusDimming: event.target.checked })} />
          {t('settings.focusDimming')}
        </label>
        <label className="choice">
          <input type="checkbox" checked={editor.typewriter} onChange={(event) => change({ typewriter: event.target.checked })} />
          {t('settings.typewriter')}
        </label>
        <label className="choice">
          <input type="checkbox" checked={editor.vim} onChange={(event) => change({ vim: event.target.checked })} />
          {t('settings.vim')}
        </label>
        <label className="choice">
          <input type="checkbox" checked={editor.snippets} onChange={(event) => change({ snippets: event.target.checked })} />
          {t('settings.snippets')}
        </label>
      </div>
      <ChoiceGroup
        legend={t('settings.theoremNumbering')}
        name="editor-theorem-numbering"
        options={TheoremNumbering.options}
        value={editor.theoremNumbering}
        onChange={(numbering) => change({ theoremNumbering: numbering })}
        label={(numbering) => t(`settings.theoremNumbering.${numbering}`)}
      />
      <VaultFolderField />
    </section>
  );
}
