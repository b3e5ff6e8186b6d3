import type { ReactNode } from 'react';

interface ChoiceGroupProps<T extends string | number> {
  legend: string;
  /** The radio group's name, unique on the page. */
  name: string;
  options: readonly T[];
  /** null: nothing chosen yet (a question not answered). */
  value: T | null;
  onChange: (value: T) => void;
  label: (option: T) => ReactNode;
  /** Extra attributes per option, e.g. a class that previews a font or a `lang` for a language's own name. */
  optionProps?: (option: T) => { className?: string; lang?: string };
}

/** One labelled row of radio buttons: the settings' way of choosing one of a few values. */
export function ChoiceGroup<T extends string | number>({ legend, name, options, value, onChange, label, optionProps }: ChoiceGroupProps<T>) {
  return (
    <fieldset className="choice-row">
      <legend>{legend}</legend>
      {options.map((option) => {
        const extra = optionProps?.(option);
        return (
          <label key={option} className={extra?.className ? `choice ${extra.className}` : 'choice'} lang={extra?.lang}>
            <input type="radio" name={name} value={option} checked={value === option} onChange={() => onChange(option)} />
            {label(option)}
          </label>
        );
      })}
    </fieldset>
  );
}
