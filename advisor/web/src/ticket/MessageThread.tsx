import { Badge, Text, makeStyles, tokens } from '@fluentui/react-components';
import type { TicketMessage } from '../api-types.ts';
import { PlainText } from '../components/PlainText.tsx';
import { formatDateTime } from '../format.ts';
import { channelLabels, labelOf } from '../labels.ts';

const useStyles = makeStyles({
  list: { listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: '12px' },
  message: { padding: '12px', borderRadius: tokens.borderRadiusMedium, border: `1px solid ${tokens.colorNeutralStroke2}`, backgroundColor: tokens.colorNeutralBackground1 },
  outgoing: { backgroundColor: tokens.colorBrandBackground2, marginLeft: '32px' },
  note: { backgroundColor: tokens.colorPaletteYellowBackground1, border: `1px dashed ${tokens.colorPaletteYellowBorder2}`, marginLeft: '32px' },
  meta: { display: 'flex', flexWrap: 'wrap', gap: '8px', alignItems: 'center', marginBottom: '6px', color: tokens.colorNeutralForeground2 },
});

function directionLabel(message: TicketMessage): string {
  if (message.isInternalNote) return 'Interne Notiz';
  return message.direction === 'in' ? 'Eingang' : 'Antwort';
}

/** The ticket's messages oldest first; internal notes stand out and say so. */
export function MessageThread({ messages }: { messages: TicketMessage[] }) {
  const styles = useStyles();
  if (messages.length === 0) return <Text>Noch keine Nachrichten.</Text>;
  return (
    <ol className={styles.list} aria-label="Verlauf">
      {messages.map((message, index) => {
        const variant = message.isInternalNote ? styles.note : message.direction === 'out' ? styles.outgoing : '';
        return (
          <li key={`${message.createdAt}-${index}`} className={`${styles.message} ${variant}`} data-direction={message.direction} data-internal={message.isInternalNote ? 'true' : undefined}>
            <div className={styles.meta}>
              <Badge appearance={message.isInternalNote ? 'filled' : 'tint'} color={message.isInternalNote ? 'warning' : message.direction === 'in' ? 'informative' : 'brand'}>
                {directionLabel(message)}
              </Badge>
              {/* A note is written in the workspace, not received through a channel. */}
              {message.isInternalNote ? null : <span>{labelOf(channelLabels, message.channel)}</span>}
              <span>{message.author ?? (message.direction === 'in' ? 'anfragende Person' : 'Assistent')}</span>
              <time dateTime={message.createdAt}>{formatDateTime(message.createdAt)}</time>
            </div>
            <PlainText text={message.text} />
          </li>
        );
      })}
    </ol>
  );
}
