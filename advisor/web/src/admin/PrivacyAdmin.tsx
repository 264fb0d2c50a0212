import { Button, Checkbox, Field, Input, TableCell, TableRow, Text } from '@fluentui/react-components';
import { useState, type FormEvent } from 'react';
import { DataTable } from '../components/DataTable.tsx';
import { ErrorMessage, SuccessMessage } from '../components/Feedback.tsx';
import { usePageStyles } from '../components/styles.ts';
import { formatDate } from '../format.ts';
import { labelOf, statusLabels } from '../labels.ts';
import { useAction } from '../use-api-data.ts';
import { useWorkspace } from '../workspace-context.ts';

interface Person {
  email?: string;
  teamsId?: string;
  name?: string;
}

interface Findings {
  tickets: { number: string; subject: string; status: string; legalHold: boolean; createdAt: string; closedAt: string | null }[];
  messagesElsewhere: number;
  conversations: number;
  contacts: number;
  outbox: number;
  mentionedIn: string[];
}

interface Erased {
  tickets: number;
  messages: number;
  conversations: number;
  contacts: number;
  attachments: number;
  mentions: number;
  held: string[];
}

/** "1 Vorgang", "2 Vorgänge". */
const count = (value: number, one: string, many: string) => `${value} ${value === 1 ? one : many}`;

function personOf(form: { email: string; teamsId: string; name: string }): Person {
  const person: Person = {};
  if (form.email.trim()) person.email = form.email.trim();
  if (form.teamsId.trim()) person.teamsId = form.teamsId.trim();
  if (form.name.trim()) person.name = form.name.trim();
  return person;
}

/**
 * Access and erasure requests (Art. 15 and 17 DSGVO): find everything about a person, download it
 * as a ZIP, place tickets under legal hold, and erase the rest after an explicit confirmation.
 */
export function PrivacyAdmin() {
  const styles = usePageStyles();
  const { api } = useWorkspace();
  const [form, setForm] = useState({ email: '', teamsId: '', name: '' });
  const [searched, setSearched] = useState<{ person: Person; findings: Findings } | null>(null);
  const [isConfirmed, setIsConfirmed] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const action = useAction();
  const person = personOf(form);
  const hasPerson = Object.keys(person).length > 0;

  const search = (event?: FormEvent) => {
    event?.preventDefault();
    setNotice(null);
    setIsConfirmed(false);
    return action.run(async () => setSearched({ person, findings: await api<Findings>('/privacy/search', { method: 'POST', body: person }) }));
  };
  const refresh = () => (searched ? action.run(async () => setSearched({ ...searched, findings: await api<Findings>('/privacy/search', { method: 'POST', body: searched.person }) })) : Promise.resolve(false));
  const download = () =>
    action.run(async () => {
      const zip = await api<Blob>('/privacy/export', { method: 'POST', body: searched!.person, responseType: 'blob' });
      const link = document.createElement('a');
      link.href = URL.createObjectURL(zip);
      link.download = 'auskunft.zip';
      link.click();
      setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
      setNotice('Die Auskunft wurde als ZIP-Datei heruntergeladen.');
    });
  const setHold = (number: string, hold: boolean) =>
    action.run(() => api(`/privacy/legal-hold/${encodeURIComponent(number)}`, { method: 'PUT', body: { hold } })).then((isDone) => isDone && refresh());
  const erase = () =>
    action.run(async () => {
      const { erased } = await api<{ erased: Erased }>('/privacy/erase', { method: 'POST', body: { person: searched!.person, confirm: true } });
      setNotice(
        `Gelöscht bzw. anonymisiert: ${count(erased.tickets, 'Vorgang', 'Vorgänge')}, ${count(erased.messages, 'Nachricht', 'Nachrichten')}, ${count(erased.conversations, 'Unterhaltung', 'Unterhaltungen')}, ${count(erased.contacts, 'Kontakt', 'Kontakte')}, ${count(erased.attachments, 'Anhang', 'Anhänge')}; Erwähnungen ersetzt in ${count(erased.mentions, 'Datensatz', 'Datensätzen')}.` +
          (erased.held.length > 0 ? ` Wegen angeordneter Aufbewahrung erhalten: ${erased.held.join(', ')}.` : ''),
      );
      setIsConfirmed(false);
      setSearched({ ...searched!, findings: await api<Findings>('/privacy/search', { method: 'POST', body: searched!.person }) });
    });

  const findings = searched?.findings;
  const isEmpty = findings && findings.tickets.length === 0 && findings.messagesElsewhere + findings.conversations + findings.contacts + findings.outbox + findings.mentionedIn.length === 0;
  return (
    <>
      <form className={styles.section} onSubmit={(event) => void search(event)} aria-labelledby="privacy-heading">
        <h2 id="privacy-heading" style={{ margin: 0, fontSize: 16 }}>Auskunft und Löschung (Art. 15 und 17 DSGVO)</h2>
        <Text className={styles.muted}>Suchen Sie nach der E-Mail-Adresse, der Teams-Kennung oder dem Namen der Person. Was gespeichert ist und wie lange, beschreibt docs/datenschutz.md.</Text>
        <div className={styles.row}>
          <Field label="E-Mail-Adresse" className={styles.grow}>
            <Input type="email" value={form.email} onChange={(_event, data) => setForm({ ...form, email: data.value })} />
          </Field>
          <Field label="Teams-Kennung (Objekt-ID)" className={styles.grow}>
            <Input value={form.teamsId} onChange={(_event, data) => setForm({ ...form, teamsId: data.value })} />
          </Field>
          <Field label="Name" className={styles.grow}>
            <Input value={form.name} onChange={(_event, data) => setForm({ ...form, name: data.value })} />
          </Field>
        </div>
        <div className={styles.row}>
          <Button type="submit" appearance="primary" disabled={action.isBusy || !hasPerson}>
            Daten suchen
          </Button>
        </div>
      </form>
      <ErrorMessage message={action.error} />
      <SuccessMessage message={notice} />
      {findings ? (
        <section className={styles.section} aria-label="Gefundene Daten">
          {isEmpty ? (
            <Text>Zu dieser Person ist nichts gespeichert.</Text>
          ) : (
            <>
              <Text>
                {count(findings.tickets.length, 'Vorgang', 'Vorgänge')}, {count(findings.messagesElsewhere, 'Nachricht', 'Nachrichten')} in Vorgängen anderer, {count(findings.conversations, 'Unterhaltung', 'Unterhaltungen')}, {count(findings.contacts, 'Kontaktdatensatz', 'Kontaktdatensätze')}, {count(findings.outbox, 'Benachrichtigung', 'Benachrichtigungen')}.
              </Text>
              {findings.mentionedIn.length > 0 ? <Text>Erwähnt in Vorgängen anderer (beim Löschen wird die Erwähnung ersetzt): {findings.mentionedIn.join(', ')}</Text> : null}
              {findings.tickets.length > 0 ? (
                <DataTable label="Vorgänge der Person" columns={['Vorgang', 'Betreff', 'Status', 'Angelegt', 'Aufbewahrung']}>
                  {findings.tickets.map((ticket) => (
                    <TableRow key={ticket.number}>
                      <TableCell>{ticket.number}</TableCell>
                      <TableCell>{ticket.subject}</TableCell>
                      <TableCell>{labelOf(statusLabels, ticket.status)}</TableCell>
                      <TableCell>{formatDate(ticket.createdAt)}</TableCell>
                      <TableCell>
                        {ticket.legalHold ? 'angeordnet ' : ''}
                        <Button size="small" disabled={action.isBusy} onClick={() => void setHold(ticket.number, !ticket.legalHold)}>
                          {ticket.legalHold ? 'Aufheben' : 'Anordnen'}
                        </Button>
                      </TableCell>
                    </TableRow>
                  ))}
                </DataTable>
              ) : null}
              <div className={styles.row}>
                <Button disabled={action.isBusy} onClick={() => void download()}>
                  Auskunft als ZIP herunterladen
                </Button>
              </div>
              <div className={styles.section}>
                <Checkbox checked={isConfirmed} onChange={(_event, data) => setIsConfirmed(data.checked === true)} label="Ich habe geprüft, dass die Löschung verlangt wurde. Vorgänge mit angeordneter Aufbewahrung bleiben erhalten; die übrigen werden anonymisiert (Nummer, Kategorie und Zeiten bleiben für die Statistik)." />
                <div className={styles.row}>
                  <Button appearance="primary" disabled={action.isBusy || !isConfirmed} onClick={() => void erase()}>
                    Endgültig löschen
                  </Button>
                </div>
              </div>
            </>
          )}
        </section>
      ) : null}
    </>
  );
}
