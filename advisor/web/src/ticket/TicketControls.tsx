import { Button, Field, Select } from '@fluentui/react-components';
import { useState } from 'react';
import type { AdvisorSummary, TicketCategory, TicketDetail, TicketPriority, TicketStatus } from '../api-types.ts';
import { ErrorMessage } from '../components/Feedback.tsx';
import { usePageStyles } from '../components/styles.ts';
import { CodeSelect } from '../components/CodeSelect.tsx';
import { categoryLabels, priorityLabels, statusLabels, ticketCategories, ticketPriorities, ticketStatuses } from '../labels.ts';
import { useAction, useApiData } from '../use-api-data.ts';
import { useWorkspace } from '../workspace-context.ts';

/** Claim, assign, and change status, category and priority (PATCH only what changed). */
export function TicketControls({ ticket, onChanged }: { ticket: TicketDetail; onChanged: () => void }) {
  const styles = usePageStyles();
  const { api, me } = useWorkspace();
  const advisors = useApiData('/advisors', () => api<{ advisors: AdvisorSummary[] }>('/advisors'));
  const [status, setStatus] = useState<TicketStatus>(ticket.status);
  const [category, setCategory] = useState<TicketCategory>(ticket.category);
  const [priority, setPriority] = useState<TicketPriority>(ticket.priority);
  const [assigneeId, setAssigneeId] = useState(ticket.assignee?.id ?? '');
  const action = useAction();
  const path = `/tickets/${encodeURIComponent(ticket.number)}`;

  const claim = () => action.run(() => api(`${path}/claim`, { method: 'POST' })).then((isDone) => isDone && onChanged());
  const assign = () => action.run(() => api(`${path}/assign`, { method: 'POST', body: { advisorId: assigneeId } })).then((isDone) => isDone && onChanged());
  const save = () => {
    const changes: Record<string, string> = {};
    if (status !== ticket.status) changes.status = status;
    if (category !== ticket.category) changes.category = category;
    if (priority !== ticket.priority) changes.priority = priority;
    if (Object.keys(changes).length === 0) return;
    void action.run(() => api(path, { method: 'PATCH', body: changes })).then((isDone) => isDone && onChanged());
  };
  // Claiming a new ticket that triage already assigned to me still starts the work (status).
  const isClaimed = ticket.assignee?.id === me.id && ticket.status !== 'neu';
  const hasChanges = status !== ticket.status || category !== ticket.category || priority !== ticket.priority;

  return (
    <section className={styles.section} aria-labelledby="ticket-controls-heading">
      <h2 id="ticket-controls-heading" style={{ margin: 0, fontSize: 16 }}>Bearbeitung</h2>
      <ErrorMessage message={action.error} />
      <div className={styles.row}>
        <Button appearance="primary" onClick={() => void claim()} disabled={action.isBusy || isClaimed}>
          {isClaimed ? 'Von Ihnen übernommen' : 'Übernehmen'}
        </Button>
      </div>
      <div className={styles.row}>
        <Field label="Zuweisen an" className={styles.grow}>
          <Select value={assigneeId} onChange={(_event, data) => setAssigneeId(data.value)}>
            <option value="">Bitte wählen</option>
            {(advisors.data?.advisors ?? []).map((advisor) => (
              <option key={advisor.id} value={advisor.id}>
                {advisor.name}
              </option>
            ))}
          </Select>
        </Field>
        <Button onClick={() => void assign()} disabled={action.isBusy || !assigneeId || assigneeId === ticket.assignee?.id}>
          Zuweisen
        </Button>
      </div>
      <CodeSelect<TicketStatus> label="Status" value={status} codes={ticketStatuses} labels={statusLabels} onChange={setStatus} />
      <CodeSelect<TicketCategory> label="Kategorie" value={category} codes={ticketCategories} labels={categoryLabels} onChange={setCategory} />
      <CodeSelect<TicketPriority> label="Priorität" value={priority} codes={ticketPriorities} labels={priorityLabels} onChange={setPriority} />
      <div className={styles.row}>
        <Button onClick={save} disabled={action.isBusy || !hasChanges}>
          Änderungen speichern
        </Button>
      </div>
    </section>
  );
}
