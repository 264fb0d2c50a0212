import { Button, Field, Input, Text, Textarea } from '@fluentui/react-components';
import { useState, type FormEvent } from 'react';
import type { CannedReply, Placeholder } from '../api-types.ts';
import { ErrorMessage, Loading } from '../components/Feedback.tsx';
import { PlainText } from '../components/PlainText.tsx';
import { usePageStyles } from '../components/styles.ts';
import { CodeSelect } from '../components/CodeSelect.tsx';
import { formatDateTime } from '../format.ts';
import { categoryLabels, labelOf, ticketCategories } from '../labels.ts';
import { useAction, useApiData } from '../use-api-data.ts';
import { useWorkspace } from '../workspace-context.ts';

interface Draft {
  id: string | null;
  title: string;
  body: string;
  category: string;
}

const emptyDraft: Draft = { id: null, title: '', body: '', category: '' };

function PlaceholderList({ placeholders }: { placeholders: Placeholder[] }) {
  if (placeholders.length === 0) return null;
  return (
    <div>
      <Text weight="semibold">Platzhalter</Text>
      <ul style={{ margin: 0, paddingLeft: 20 }}>
        {placeholders.map((placeholder) => (
          <li key={placeholder.name}>
            <code>{`{{${placeholder.name}}}`}</code> – {placeholder.description}
          </li>
        ))}
      </ul>
    </div>
  );
}

function CannedReplyForm({ draft, placeholders, onSaved, onCancel }: { draft: Draft; placeholders: Placeholder[]; onSaved: () => void; onCancel: () => void }) {
  const styles = usePageStyles();
  const { api } = useWorkspace();
  const [value, setValue] = useState(draft);
  const action = useAction();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const body = { title: value.title.trim(), body: value.body, category: value.category || null };
    void action
      .run(() => (value.id ? api(`/canned-replies/${encodeURIComponent(value.id)}`, { method: 'PATCH', body }) : api('/canned-replies', { method: 'POST', body })))
      .then((isDone) => isDone && onSaved());
  };
  return (
    <form className={styles.section} onSubmit={submit} aria-labelledby="canned-form-heading">
      <h2 id="canned-form-heading" style={{ margin: 0, fontSize: 16 }}>{value.id ? 'Textbaustein bearbeiten' : 'Neuer Textbaustein'}</h2>
      <ErrorMessage message={action.error} />
      <div className={styles.row}>
        <Field label="Titel" required className={styles.grow}>
          <Input value={value.title} onChange={(_event, data) => setValue({ ...value, title: data.value })} />
        </Field>
        <CodeSelect<string> label="Kategorie" value={value.category} codes={ticketCategories} labels={categoryLabels} emptyOption="Alle Kategorien" onChange={(category) => setValue({ ...value, category })} />
      </div>
      <Field label="Text" required>
        <Textarea value={value.body} rows={8} resize="vertical" onChange={(_event, data) => setValue({ ...value, body: data.value })} />
      </Field>
      <PlaceholderList placeholders={placeholders} />
      <div className={styles.row}>
        <Button type="submit" appearance="primary" disabled={action.isBusy || !value.title.trim() || !value.body.trim()}>
          Speichern
        </Button>
        {value.id ? <Button onClick={onCancel}>Abbrechen</Button> : null}
      </div>
    </form>
  );
}

/** Canned replies: list, create, edit, delete, with the server's placeholder list. */
export function CannedRepliesAdmin() {
  const styles = usePageStyles();
  const { api } = useWorkspace();
  const canned = useApiData('/canned-replies', () => api<{ cannedReplies: CannedReply[]; placeholders: Placeholder[] }>('/canned-replies'));
  const [draft, setDraft] = useState<Draft>(emptyDraft);
  const [formKey, setFormKey] = useState(0);
  const [deletingId, setDeletingId] = useState<string | null>(null);
  const action = useAction();
  const edit = (next: Draft) => {
    setDraft(next);
    setFormKey((value) => value + 1);
  };
  const remove = (id: string) =>
    action.run(() => api(`/canned-replies/${encodeURIComponent(id)}`, { method: 'DELETE' })).then((isDone) => {
      setDeletingId(null);
      if (isDone) canned.reload();
    });

  return (
    <>
      <CannedReplyForm
        key={formKey}
        draft={draft}
        placeholders={canned.data?.placeholders ?? []}
        onSaved={() => {
          edit(emptyDraft);
          canned.reload();
        }}
        onCancel={() => edit(emptyDraft)}
      />
      <section className={styles.section} aria-label="Textbausteine">
        <ErrorMessage message={canned.error ?? action.error} />
        {canned.isLoading && !canned.data ? <Loading /> : null}
        {canned.data && canned.data.cannedReplies.length === 0 ? <Text>Noch keine Textbausteine.</Text> : null}
        {(canned.data?.cannedReplies ?? []).map((reply) => (
          <article key={reply.id} className={styles.section} aria-label={reply.title}>
            <Text weight="semibold">
              {reply.title} · {reply.category ? labelOf(categoryLabels, reply.category) : 'Alle Kategorien'} · geändert {formatDateTime(reply.updatedAt)}
            </Text>
            <PlainText text={reply.body} />
            <div className={styles.row}>
              <Button size="small" onClick={() => edit({ id: reply.id, title: reply.title, body: reply.body, category: reply.category ?? '' })}>
                Bearbeiten
              </Button>
              {deletingId === reply.id ? (
                <>
                  <Button size="small" appearance="primary" onClick={() => void remove(reply.id)} disabled={action.isBusy}>
                    Ja, löschen
                  </Button>
                  <Button size="small" onClick={() => setDeletingId(null)}>
                    Nicht löschen
                  </Button>
                </>
              ) : (
                <Button size="small" onClick={() => setDeletingId(reply.id)}>
                  Löschen …
                </Button>
              )}
            </div>
          </article>
        ))}
      </section>
    </>
  );
}
