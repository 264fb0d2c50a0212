import { Text, makeStyles, tokens } from '@fluentui/react-components';
import type { TicketEvent } from '../api-types.ts';
import { usePageStyles } from '../components/styles.ts';
import { formatDateTime } from '../format.ts';
import { actorLabels, categoryLabels, eventLabels, labelOf, priorityLabels, statusLabels } from '../labels.ts';

const useStyles = makeStyles({
  list: { margin: 0, paddingLeft: '20px', display: 'flex', flexDirection: 'column', gap: '4px' },
  detail: { color: tokens.colorNeutralForeground3, overflowWrap: 'anywhere' },
});

// Status, category and priority codes as the advisor reads them elsewhere on the page.
const codeLabels: Record<string, string> = { ...statusLabels, ...categoryLabels, ...priorityLabels };
const readable = (code: string) => codeLabels[code] ?? code;

function summaryOf(data: unknown): string {
  if (!data || typeof data !== 'object') return '';
  const record = data as Record<string, unknown>;
  if (typeof record.from === 'string' && typeof record.to === 'string') return `${readable(record.from)} → ${readable(record.to)}`;
  return '';
}

/** The audit trail of the ticket. */
export function EventList({ events }: { events: TicketEvent[] }) {
  const styles = useStyles();
  const page = usePageStyles();
  return (
    <section className={page.section} aria-labelledby="events-heading">
      <h2 id="events-heading" style={{ margin: 0, fontSize: 16 }}>Ereignisse</h2>
      {events.length === 0 ? (
        <Text>Keine Ereignisse.</Text>
      ) : (
        <ol className={styles.list}>
          {events.map((event, index) => (
            <li key={`${event.createdAt}-${index}`}>
              <Text weight="semibold">{labelOf(eventLabels, event.type)}</Text> · {event.actorName ?? labelOf(actorLabels, event.actorType)} · {formatDateTime(event.createdAt)}
              {summaryOf(event.data) ? <span className={styles.detail}> · {summaryOf(event.data)}</span> : null}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
