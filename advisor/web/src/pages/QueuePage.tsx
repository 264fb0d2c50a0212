import { Button, Field, Input, Select, TableCell, TableRow, Text, Title2, ToggleButton } from '@fluentui/react-components';
import { useState, type FormEvent } from 'react';
import type { AdvisorSummary, TicketListItem, TicketStatus } from '../api-types.ts';
import { AppLink } from '../components/AppLink.tsx';
import { ErrorMessage, Loading } from '../components/Feedback.tsx';
import { PriorityBadge, StatusBadge } from '../components/LabelBadges.tsx';
import { usePageStyles } from '../components/styles.ts';
import { CodeSelect } from '../components/CodeSelect.tsx';
import { DataTable } from '../components/DataTable.tsx';
import { formatDateTime } from '../format.ts';
import { categoryLabels, channelLabels, labelOf, statusLabels, ticketCategories, ticketStatuses } from '../labels.ts';
import { useApiData } from '../use-api-data.ts';
import { useWorkspace } from '../workspace-context.ts';

interface QueueFilter {
  status: string;
  category: string;
  assignee: string;
  q: string;
}

function queryOf(filter: QueueFilter): string {
  const parameters = new URLSearchParams();
  for (const [key, value] of Object.entries(filter)) if (value) parameters.set(key, value);
  const query = parameters.toString();
  return query ? `?${query}` : '';
}

function StatusCounts({ counts, selected, onSelect }: { counts: Record<string, number>; selected: string; onSelect: (status: string) => void }) {
  const styles = usePageStyles();
  return (
    <div className={styles.row} role="group" aria-label="Anzahl je Status">
      {ticketStatuses.map((status) => (
        <ToggleButton key={status} checked={selected === status} onClick={() => onSelect(selected === status ? '' : status)}>
          {statusLabels[status]}: {counts[status] ?? 0}
        </ToggleButton>
      ))}
    </div>
  );
}

function TicketTable({ tickets }: { tickets: TicketListItem[] }) {
  const styles = usePageStyles();
  if (tickets.length === 0) return <Text>Keine Vorgänge für diese Auswahl.</Text>;
  return (
    <DataTable label="Vorgänge" columns={['Nummer', 'Betreff', 'Status', 'Kategorie', 'Priorität', 'Anfragende Person', 'Zugewiesen', 'Fällig']}>
      {tickets.map((ticket) => (
        <TableRow key={ticket.number} data-ticket={ticket.number}>
          <TableCell>
            <AppLink to={{ name: 'ticket', number: ticket.number }}>{ticket.number}</AppLink>
          </TableCell>
          <TableCell>
            {ticket.subject}
            <div className={styles.muted}>
              {labelOf(channelLabels, ticket.channel)}
              {ticket.schoolBoard ? ` · ${ticket.schoolBoard}` : ''}
            </div>
          </TableCell>
          <TableCell>
            <StatusBadge status={ticket.status} />
          </TableCell>
          <TableCell>{labelOf(categoryLabels, ticket.category)}</TableCell>
          <TableCell>
            <PriorityBadge priority={ticket.priority} />
          </TableCell>
          <TableCell>{ticket.requester.name ?? ticket.requester.email ?? '–'}</TableCell>
          <TableCell>{ticket.assignee?.name ?? 'nicht zugewiesen'}</TableCell>
          <TableCell>{formatDateTime(ticket.dueAt)}</TableCell>
        </TableRow>
      ))}
    </DataTable>
  );
}

/** The advisors' queue: filters, counts per status and the ticket table. */
export function QueuePage() {
  const styles = usePageStyles();
  const { api } = useWorkspace();
  const [filter, setFilter] = useState<QueueFilter>({ status: '', category: '', assignee: '', q: '' });
  const [searchText, setSearchText] = useState('');
  const path = `/tickets${queryOf(filter)}`;
  const queue = useApiData(path, () => api<{ tickets: TicketListItem[]; counts: Record<TicketStatus, number> }>(path));
  const advisors = useApiData('/advisors', () => api<{ advisors: AdvisorSummary[] }>('/advisors'));
  const change = (key: keyof QueueFilter) => (value: string) => setFilter((current) => ({ ...current, [key]: value }));
  const search = (event: FormEvent) => {
    event.preventDefault();
    change('q')(searchText.trim());
  };

  return (
    <>
      <Title2 as="h1">Vorgänge</Title2>
      <section className={styles.section} aria-label="Filter">
        <form className={styles.row} onSubmit={search} role="search">
          <CodeSelect<string> label="Status" value={filter.status} codes={ticketStatuses} labels={statusLabels} emptyOption="Alle" onChange={change('status')} />
          <CodeSelect<string> label="Kategorie" value={filter.category} codes={ticketCategories} labels={categoryLabels} emptyOption="Alle" onChange={change('category')} />
          <Field label="Zugewiesen an">
            <Select value={filter.assignee} onChange={(_event, data) => change('assignee')(data.value)}>
              <option value="">Alle</option>
              <option value="me">Mir zugewiesen</option>
              <option value="none">Nicht zugewiesen</option>
              {(advisors.data?.advisors ?? []).map((advisor) => (
                <option key={advisor.id} value={advisor.id}>
                  {advisor.name}
                </option>
              ))}
            </Select>
          </Field>
          <Field label="Suche (Nummer, Betreff, Text)" className={styles.grow}>
            <Input type="search" value={searchText} onChange={(_event, data) => setSearchText(data.value)} />
          </Field>
          <Button type="submit">Suchen</Button>
        </form>
        {queue.data ? <StatusCounts counts={queue.data.counts} selected={filter.status} onSelect={change('status')} /> : null}
      </section>
      <section className={styles.section} aria-label="Liste der Vorgänge" aria-busy={queue.isLoading}>
        <ErrorMessage message={queue.error} />
        {queue.isLoading && !queue.data ? <Loading /> : null}
        {queue.data ? <TicketTable tickets={queue.data.tickets} /> : null}
      </section>
    </>
  );
}
