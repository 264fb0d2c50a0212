import { Field, Select } from '@fluentui/react-components';

/** "Zeitraum: Letzte 30 Tage" – the period choice of the reporting pages (days or weeks). */
export function PeriodSelect({ value, choices, unit, onChange }: { value: number; choices: number[]; unit: 'Tage' | 'Wochen'; onChange: (value: number) => void }) {
  return (
    <Field label="Zeitraum">
      <Select value={String(value)} onChange={(_event, data) => onChange(Number(data.value))}>
        {choices.map((choice) => (
          <option key={choice} value={choice}>
            Letzte {choice} {unit}
          </option>
        ))}
      </Select>
    </Field>
  );
}
