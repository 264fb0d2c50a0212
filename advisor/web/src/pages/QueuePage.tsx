import { Button, Field, Input, Select, TableCell, TableRow, Text, Title2, ToggleButton } from '@fluentui/react-components';
import { useEffect, useState, type FormEvent } from 'react';
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
  view: string;
  sort: string;
}

const filterKeys: (keyof QueueFilter)[] = ['status', 'category', 'assignee', 'q', 'view', 'sort'];

const sortLabels: Record<string, string> = { created: 'Neueste zuerst', activity: 'Letzte Aktivität', due: 'Fälligkeit', priority: 'Priorität', relevance: 'Relevanz (bei Suche)' };

function queryOf(filter: QueueFilter, extra: Record<string, string> = {}): string {
  const parameters = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...filter, ...extra })) if (value) parameters.set(key, value);
  const query = parameters.toString();
  return query ? `?${query}` : '';
}

/** The filter as the address bar has it, so a link to a filtered queue can be shared in Teams. */
function filterFromLocation(): QueueFilter {
  const parameters = new URLSearchParams(window.location.search);
  return Object.fromEntries(filterKeys.map((key) => [key, parameters.get(key) ?? ''])) as unknown as QueueFilter;
}

interface QueuePageData {
  tickets: TicketListItem[];
  counts: Record<TicketStatus, number>;
  total: number;
  nextCursor: string | null;
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

/** The advisors' queue: filters and views in the address, counts per status, pages of 50 with a stable cursor. */
export function QueuePage() {
  const styles = usePageStyles();
  const { api } = useWorkspace();
  const [filter, setFilter] = useState<QueueFilter>(filterFromLocation);
  const [searchText, setSearchText] = useState(filter.q);
  const path = `/tickets${queryOf(filter)}`;
  const queue = useApiData(path, () => api<QueuePageData>(path));
  const [more, setMore] = useState<{ tickets: TicketListItem[]; nextCursor: string | null } | null>(null);
  const [isLoadingMore, setIsLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<string | null>(null);
  const advisors = useApiData('/advisors', () => api<{ advisors: AdvisorSummary[] }>('/advisors'));
  useEffect(() => {
    setMore(null);
    window.history.replaceState(window.history.state, '', `${window.location.pathname}${queryOf(filter)}`);
  }, [path]);
  const change = (key: keyof QueueFilter) => (value: string) => setFilter((current) => ({ ...current, [key]: value }));
  const search = (event: FormEvent) => {
    event.preventDefault();
    change('q')(searchText.trim());
  };
  const tickets = [...(queue.data?.tickets ?? []), ...(more?.tickets ?? [])];
  const nextCursor = more ? more.nextCursor : (queue.data?.nextCursor ?? null);
  const loadMore = async () => {
    if (!nextCursor) return;
    setIsLoadingMore(true);
    setMoreError(null);
    try {
      const page = await api<QueuePageData>(`/tickets${queryOf(filter, { cursor: nextCursor })}`);
      setMore((current) => ({ tickets: [...(current?.tickets ?? []), ...page.tickets], nextCursor: page.nextCursor }));
    } catch {
      setMoreError('Weitere Vorgänge konnten nicht geladen werden. Bitte versuchen Sie es erneut.');
    } finally {
      setIsLoadingMore(false);
    }
  };

  return (
    <>
      <Title2 as="h1">Vorgänge</Title2>
      <section className={styles.section} aria-label="Filter">
        <div className={styles.row} role="group" aria-label="Ansicht">
          <ToggleButton checked={!filter.view && filter.assignee !== 'me'} onClick={() => setFilter((current) => ({ ...current, view: '', assignee: '' }))}>
            Alle Vorgänge
          </ToggleButton>
          <ToggleButton checked={filter.assignee === 'me'} onClick={() => setFilter((current) => ({ ...current, view: '', assignee: 'me' }))}>
            Meine Vorgänge
          </ToggleButton>
          <ToggleButton checked={filter.view === 'overdue'} onClick={() => setFilter((current) => ({ ...current, view: current.view === 'overdue' ? '' : 'overdue' }))}>
            Überfällig
          </ToggleButton>
        </div>
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
          <Field label="Sortierung">
            <Select value={filter.sort} onChange={(_event, data) => change('sort')(data.value)}>
              <option value="">{filter.q ? 'Relevanz' : 'Neueste zuerst'}</option>
              {Object.entries(sortLabels)
                .filter(([code]) => code !== 'relevance' || filter.q)
                .map(([code, label]) => (
                  <option key={code} value={code}>
                    {label}
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
        <ErrorMessage message={queue.error ?? moreError} />
        {queue.isLoading && !queue.data ? <Loading /> : null}
        {queue.data ? (
          <>
            <Text>
              {tickets.length} von {queue.data.total} Vorgängen angezeigt
            </Text>
            <TicketTable tickets={tickets} />
            {nextCursor ? (
              <div className={styles.row}>
                <Button onClick={() => void loadMore()} disabled={isLoadingMore}>
                  {isLoadingMore ? 'Wird geladen …' : 'Weitere Vorgänge laden'}
                </Button>
              </div>
            ) : null}
          </>
        ) : null}
      </section>
    </>
  );
}
