import { Field, Select } from '@fluentui/react-components';

export interface CodeSelectProps<T extends string> {
  label: string;
  value: T;
  /** The codes offered, in order; `labels` names them in German. */
  codes: readonly Exclude<T, ''>[];
  labels: Record<Exclude<T, ''>, string>;
  onChange(value: T): void;
  /** A first choice with the value '' (e.g. "Alle"); then T should include ''. */
  emptyOption?: string;
  className?: string;
}

/** A labelled select over a closed set of codes (status, category, priority, …). */
export function CodeSelect<T extends string>({ label, value, codes, labels, onChange, emptyOption, className }: CodeSelectProps<T>) {
  return (
    <Field label={label} className={className}>
      <Select value={value} onChange={(_event, data) => onChange(data.value as T)}>
        {emptyOption !== undefined ? <option value="">{emptyOption}</option> : null}
        {codes.map((code) => (
          <option key={code} value={code}>
            {labels[code]}
          </option>
        ))}
      </Select>
    </Field>
  );
}
