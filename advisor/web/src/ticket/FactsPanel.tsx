import { Text, makeStyles, tokens } from '@fluentui/react-components';
import type { TicketDetail } from '../api-types.ts';
import { usePageStyles } from '../components/styles.ts';
import { factLabels, labelOf } from '../labels.ts';

const useStyles = makeStyles({
  list: { display: 'grid', gridTemplateColumns: 'max-content minmax(0, 1fr)', gap: '4px 12px', margin: 0 },
  term: { color: tokens.colorNeutralForeground2 },
  value: { margin: 0, whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' },
  missing: { margin: 0, paddingLeft: '20px', color: tokens.colorPaletteDarkOrangeForeground1 },
});

function textOf(value: unknown): string {
  if (value === null || value === undefined) return '–';
  if (Array.isArray(value)) return value.map(textOf).join(', ');
  if (typeof value === 'object') return Object.entries(value).map(([key, entry]) => `${labelOf(factLabels, key)}: ${textOf(entry)}`).join('; ');
  if (typeof value === 'boolean') return value ? 'ja' : 'nein';
  return String(value);
}

/** What the assistant collected for the case, and what is still missing. */
export function FactsPanel({ ticket }: { ticket: TicketDetail }) {
  const styles = useStyles();
  const page = usePageStyles();
  const facts = Object.entries(ticket.facts ?? {});
  return (
    <section className={page.section} aria-labelledby="facts-heading">
      <h2 id="facts-heading" style={{ margin: 0, fontSize: 16 }}>Angaben</h2>
      <dl className={styles.list}>
        <dt className={styles.term}>Anfragende Person</dt>
        <dd className={styles.value}>{[ticket.requester.name, ticket.requester.email].filter(Boolean).join(' · ') || '–'}</dd>
        <dt className={styles.term}>Schulträger</dt>
        <dd className={styles.value}>{ticket.schoolBoard ?? '–'}</dd>
        <dt className={styles.term}>Schule</dt>
        <dd className={styles.value}>{ticket.school ? `${ticket.school.name}${ticket.school.dienststellennummer ? ` (${ticket.school.dienststellennummer})` : ''}` : '–'}</dd>
        {facts.map(([key, value]) => (
          <div key={key} style={{ display: 'contents' }}>
            <dt className={styles.term}>{labelOf(factLabels, key)}</dt>
            <dd className={styles.value}>{textOf(value)}</dd>
          </div>
        ))}
      </dl>
      {ticket.missingFacts.length > 0 ? (
        <>
          <Text weight="semibold">Es fehlen noch:</Text>
          <ul className={styles.missing} aria-label="Fehlende Angaben">
            {ticket.missingFacts.map((fact) => (
              <li key={fact}>{labelOf(factLabels, fact)}</li>
            ))}
          </ul>
        </>
      ) : (
        <Text>Keine fehlenden Angaben.</Text>
      )}
    </section>
  );
}
