import { Text, Title2 } from '@fluentui/react-components';
import type { TicketDetail } from '../api-types.ts';
import { AppLink } from '../components/AppLink.tsx';
import { ErrorMessage, Loading } from '../components/Feedback.tsx';
import { PriorityBadge, StatusBadge } from '../components/LabelBadges.tsx';
import { usePageStyles } from '../components/styles.ts';
import { formatDateTime } from '../format.ts';
import { categoryLabels, labelOf } from '../labels.ts';
import { EventList } from '../ticket/EventList.tsx';
import { FactsPanel } from '../ticket/FactsPanel.tsx';
import { MergeForm } from '../ticket/MergeForm.tsx';
import { MessageThread } from '../ticket/MessageThread.tsx';
import { NoteBox } from '../ticket/NoteBox.tsx';
import { ReplyBox } from '../ticket/ReplyBox.tsx';
import { TicketBookings } from '../ticket/TicketBookings.tsx';
import { TicketControls } from '../ticket/TicketControls.tsx';
import { useApiData } from '../use-api-data.ts';
import { useWorkspace } from '../workspace-context.ts';

/** One ticket: thread, reply and note, controls, facts, bookings and events. */
export function TicketPage({ number }: { number: string }) {
  const styles = usePageStyles();
  const { api } = useWorkspace();
  const path = `/tickets/${encodeURIComponent(number)}`;
  const detail = useApiData(path, () => api<{ ticket: TicketDetail }>(path));
  const ticket = detail.data?.ticket;

  return (
    <>
      <AppLink to={{ name: 'queue' }}>← Zurück zu den Vorgängen</AppLink>
      <ErrorMessage message={detail.error} />
      {detail.isLoading && !ticket ? <Loading /> : null}
      {ticket ? (
        <>
          <header className={styles.stack} style={{ gap: 6 }}>
            <Title2 as="h1">
              {ticket.number}: {ticket.subject}
            </Title2>
            <div className={styles.row} style={{ alignItems: 'center' }}>
              <StatusBadge status={ticket.status} />
              <PriorityBadge priority={ticket.priority} />
              <Text>{labelOf(categoryLabels, ticket.category)}</Text>
              <Text className={styles.muted}>Fällig: {formatDateTime(ticket.dueAt)}</Text>
              <Text className={styles.muted}>Zugewiesen: {ticket.assignee?.name ?? 'noch niemandem'}</Text>
              <Text className={styles.muted}>Eingegangen: {formatDateTime(ticket.createdAt)}</Text>
            </div>
            {ticket.mergedInto ? (
              <Text>
                Zusammengeführt in <AppLink to={{ name: 'ticket', number: ticket.mergedInto }}>{ticket.mergedInto}</AppLink>.
              </Text>
            ) : null}
            {ticket.mergedTickets?.length ? (
              <Text>
                Enthält zusammengeführte Vorgänge:{' '}
                {ticket.mergedTickets.map((merged, index) => (
                  <span key={merged}>
                    {index > 0 ? ', ' : ''}
                    <AppLink to={{ name: 'ticket', number: merged }}>{merged}</AppLink>
                  </span>
                ))}
              </Text>
            ) : null}
          </header>
          <div className={styles.columns}>
            <div className={styles.stack}>
              <section className={styles.section} aria-labelledby="thread-heading">
                <h2 id="thread-heading" style={{ margin: 0, fontSize: 16 }}>Verlauf</h2>
                <MessageThread messages={ticket.messages} />
              </section>
              <ReplyBox ticket={ticket} onSent={detail.reload} />
              <NoteBox number={ticket.number} onSaved={detail.reload} />
            </div>
            <div className={styles.stack}>
              <TicketControls key={`${ticket.status}-${ticket.category}-${ticket.priority}-${ticket.assignee?.id ?? ''}`} ticket={ticket} onChanged={detail.reload} />
              <FactsPanel ticket={ticket} />
              <TicketBookings bookings={ticket.bookings} />
              {ticket.mergedInto ? null : <MergeForm number={ticket.number} />}
              <EventList events={ticket.events} />
            </div>
          </div>
        </>
      ) : null}
    </>
  );
}
