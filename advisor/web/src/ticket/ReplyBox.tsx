import { Button, Field, Select, Textarea } from '@fluentui/react-components';
import { useState } from 'react';
import type { CannedReply, Placeholder, TicketDetail } from '../api-types.ts';
import { ErrorMessage, SuccessMessage } from '../components/Feedback.tsx';
import { usePageStyles } from '../components/styles.ts';
import { channelLabels, labelOf } from '../labels.ts';
import { useAction, useApiData } from '../use-api-data.ts';
import { useWorkspace } from '../workspace-context.ts';

/** The reply to the requester (sent on their channel), optionally started from a canned reply. */
export function ReplyBox({ ticket, onSent }: { ticket: TicketDetail; onSent: () => void }) {
  const styles = usePageStyles();
  const { api } = useWorkspace();
  const canned = useApiData('/canned-replies', () => api<{ cannedReplies: CannedReply[]; placeholders: Placeholder[] }>('/canned-replies'));
  const [cannedReplyId, setCannedReplyId] = useState('');
  const [text, setText] = useState('');
  const [sentMessage, setSentMessage] = useState<string | null>(null);
  const action = useAction();

  const insertCannedReply = () =>
    action.run(async () => {
      const { text: rendered } = await api<{ text: string }>(`/canned-replies/${encodeURIComponent(cannedReplyId)}/render`, { method: 'POST', body: { ticketNumber: ticket.number } });
      setText((current) => (current.trim() ? `${current.trimEnd()}\n\n${rendered}` : rendered));
    });
  const send = () =>
    action.run(async () => {
      await api(`/tickets/${encodeURIComponent(ticket.number)}/reply`, { method: 'POST', body: { text } });
      setText('');
      setSentMessage('Die Antwort wurde gespeichert und wird zugestellt.');
      onSent();
    });
  const replies = canned.data?.cannedReplies ?? [];

  return (
    <section className={styles.section} aria-labelledby="reply-heading">
      <h2 id="reply-heading" style={{ margin: 0, fontSize: 16 }}>
        Antworten ({labelOf(channelLabels, ticket.channel)})
      </h2>
      <ErrorMessage message={action.error} />
      <SuccessMessage message={sentMessage} />
      {replies.length > 0 ? (
        <div className={styles.row}>
          <Field label="Textbaustein" className={styles.grow}>
            <Select value={cannedReplyId} onChange={(_event, data) => setCannedReplyId(data.value)}>
              <option value="">Bitte wählen</option>
              {replies.map((reply) => (
                <option key={reply.id} value={reply.id}>
                  {reply.title}
                </option>
              ))}
            </Select>
          </Field>
          <Button onClick={() => void insertCannedReply()} disabled={!cannedReplyId || action.isBusy}>
            Einfügen
          </Button>
        </div>
      ) : null}
      <Field label="Antwort an die anfragende Person">
        <Textarea
          value={text}
          resize="vertical"
          rows={6}
          onChange={(_event, data) => {
            setText(data.value);
            setSentMessage(null);
          }}
        />
      </Field>
      <div className={styles.row}>
        <Button appearance="primary" onClick={() => void send()} disabled={!text.trim() || action.isBusy}>
          Antwort senden
        </Button>
      </div>
    </section>
  );
}
