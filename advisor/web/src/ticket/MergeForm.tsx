import { Button, Field, Input, Text } from '@fluentui/react-components';
import { useState, type FormEvent } from 'react';
import type { TicketListItem } from '../api-types.ts';
import { ErrorMessage } from '../components/Feedback.tsx';
import { usePageStyles } from '../components/styles.ts';
import { useAction } from '../use-api-data.ts';
import { useWorkspace } from '../workspace-context.ts';

const ticketNumberPattern = /^SIT-\d{4}-\d{5}$/;

/** Merges this ticket into another one (two steps, since this ticket is closed afterwards). */
export function MergeForm({ number }: { number: string }) {
  const styles = usePageStyles();
  const { api, navigate } = useWorkspace();
  const [target, setTarget] = useState('');
  const [isConfirming, setIsConfirming] = useState(false);
  const action = useAction();
  const normalised = target.trim().toUpperCase();
  const isValid = ticketNumberPattern.test(normalised) && normalised !== number;

  const ask = (event: FormEvent) => {
    event.preventDefault();
    if (isValid) setIsConfirming(true);
  };
  const merge = () =>
    action.run(async () => {
      const { ticket } = await api<{ ticket: TicketListItem }>(`/tickets/${encodeURIComponent(number)}/merge`, { method: 'POST', body: { into: normalised } });
      navigate({ name: 'ticket', number: ticket?.number ?? normalised });
    });

  return (
    <section className={styles.section} aria-labelledby="merge-heading">
      <h2 id="merge-heading" style={{ margin: 0, fontSize: 16 }}>Zusammenführen</h2>
      <ErrorMessage message={action.error} />
      <form className={styles.row} onSubmit={ask}>
        <Field label="In Vorgang (Nummer)" className={styles.grow} validationMessage={target && !isValid ? (normalised === number ? 'Ein Vorgang kann nicht mit sich selbst zusammengeführt werden.' : 'Bitte geben Sie eine Vorgangsnummer im Format SIT-2026-00012 an.') : undefined}>
          <Input
            value={target}
            placeholder="SIT-2026-00012"
            onChange={(_event, data) => {
              setTarget(data.value);
              setIsConfirming(false);
            }}
          />
        </Field>
        <Button type="submit" disabled={!isValid || isConfirming}>
          Zusammenführen …
        </Button>
      </form>
      {isConfirming ? (
        <div role="alertdialog" aria-label="Zusammenführen bestätigen" className={styles.stack}>
          <Text>
            Der Verlauf von {number} wird in {normalised} übernommen, und {number} wird geschlossen. Möchten Sie fortfahren?
          </Text>
          <div className={styles.row}>
            <Button appearance="primary" onClick={() => void merge()} disabled={action.isBusy}>
              Ja, zusammenführen
            </Button>
            <Button onClick={() => setIsConfirming(false)}>Abbrechen</Button>
          </div>
        </div>
      ) : null}
    </section>
  );
}
