import { Button, Field, Textarea } from '@fluentui/react-components';
import { useState } from 'react';
import { ErrorMessage } from '../components/Feedback.tsx';
import { usePageStyles } from '../components/styles.ts';
import { useAction } from '../use-api-data.ts';
import { useWorkspace } from '../workspace-context.ts';

/** An internal note: stays in the ticket, never reaches the requester. */
export function NoteBox({ number, onSaved }: { number: string; onSaved: () => void }) {
  const styles = usePageStyles();
  const { api } = useWorkspace();
  const [text, setText] = useState('');
  const action = useAction();
  const save = () =>
    action.run(async () => {
      await api(`/tickets/${encodeURIComponent(number)}/notes`, { method: 'POST', body: { text } });
      setText('');
      onSaved();
    });
  return (
    <section className={styles.section} aria-labelledby="note-heading">
      <h2 id="note-heading" style={{ margin: 0, fontSize: 16 }}>Interne Notiz</h2>
      <ErrorMessage message={action.error} />
      <Field label="Notiz (nur für das Sachgebiet sichtbar)">
        <Textarea value={text} rows={3} resize="vertical" onChange={(_event, data) => setText(data.value)} />
      </Field>
      <div className={styles.row}>
        <Button onClick={() => void save()} disabled={!text.trim() || action.isBusy}>
          Notiz speichern
        </Button>
      </div>
    </section>
  );
}
