import { describe, expect, it } from 'vitest';
import { caseCard } from '../../bot/cards.ts';
import { createNotificationDeliverers, type MailToSend, type NotificationSenders } from '../../handlers/deliver-notifications.ts';
import { DeliveryWaiting } from '../../tickets/index.ts';
import type { OutboxMessage } from '../../prisma/client.ts';

/** An outbox row as the worker hands it to a deliverer. */
function notice(payload: Record<string, unknown>, advisorId: string | null = null): OutboxMessage {
  return { id: 'n1', kind: 'advisor_notification', target: { advisorId }, payload: payload as OutboxMessage['payload'], status: 'delivering', attempts: 1, nextAttemptAt: new Date(), lastError: null, idempotencyKey: `key-${Math.random()}`, ticketId: 't1', createdAt: new Date(), updatedAt: new Date(), deliveredAt: null };
}

function setUp({ hasChannel = false, hasMail = true, teamEmail }: { hasChannel?: boolean; hasMail?: boolean; teamEmail?: string }) {
  const mails: MailToSend[] = [];
  const cards: Parameters<NonNullable<NotificationSenders['postCaseCard']>>[1][] = [];
  const deliverers = createNotificationDeliverers({
    lookups: {
      findAdvisorChannel: async () => (hasChannel ? { conversation: { id: '19:kanal' } } : null),
      findRequesterRoute: async () => null,
      findAdvisor: async ({ advisorId }) => (advisorId === 'a1' ? { name: 'Franka Beraterin', email: 'franka@ego-mv.example' } : null),
    },
    senders: {
      postCaseCard: async (_reference, card) => void cards.push(card),
      sendEmail: hasMail ? async (mail) => void mails.push(mail) : undefined,
      advisorTeamEmail: teamEmail,
      messageIdDomain: 'ego-mv.example',
    },
    workspaceUrl: (number) => `https://assistent.example.org/advisor/tickets/${number}`,
  });
  return { deliver: deliverers.advisor_notification, mails, cards };
}

const base = { ticketNumber: 'SIT-2026-00042', subject: 'WLAN in der Turnhalle', category: 'technik', priority: 'normal' };

describe('who hears of what', () => {
  it('sends a follow-up and an overdue notice to the advisor who has the case, by mail', async () => {
    const { deliver, mails, cards } = setUp({ hasChannel: true, teamEmail: 'team@ego-mv.example' });
    await deliver(notice({ ...base, event: 'requester_replied' }, 'a1'));
    await deliver(notice({ ...base, event: 'ticket_overdue', dueAt: '2026-12-08T15:00:00.000Z' }, 'a1'));
    expect(cards).toEqual([]);
    expect(mails.map((mail) => [mail.to, mail.subject])).toEqual([
      ['franka@ego-mv.example', '[SIT-2026-00042] Neue Nachricht der anfragenden Person: WLAN in der Turnhalle'],
      ['franka@ego-mv.example', '[SIT-2026-00042] Antwortfrist überschritten: WLAN in der Turnhalle'],
    ]);
    expect(mails[1]!.text).toContain('Antwortfrist: Dienstag, 8. Dezember 2026, 16:00 Uhr');
    expect(mails.every((mail) => mail.autoSubmitted === 'auto-generated')).toBe(true);
  });

  it('posts new cases and unassigned follow-ups to the advisors’ channel, saying what happened and who has it', async () => {
    const { deliver, mails, cards } = setUp({ hasChannel: true, hasMail: false });
    await deliver(notice({ ...base, event: 'ticket_created' }, 'a1'));
    await deliver(notice({ ...base, event: 'requester_replied' }));
    await deliver(notice({ ...base, event: 'ticket_overdue' }, 'a1'));
    expect(mails).toEqual([]);
    expect(cards.map((card) => [card.heading, card.assigneeName])).toEqual([
      ['Neuer Vorgang', undefined],
      ['Neue Nachricht der anfragenden Person', undefined],
      ['Antwortfrist überschritten', 'Franka Beraterin'],
    ]);
    // The card says it, and offers "Übernehmen" only while nobody has the case.
    const rendered = JSON.stringify(caseCard({ ...cards[2]!, category: 'Technik', priority: 'Normal' }));
    expect(rendered).toContain('Antwortfrist überschritten: SIT-2026-00042');
    expect(rendered).toContain('übernommen von Franka Beraterin');
    expect(rendered).not.toContain('"verb":"claim"');
    expect(JSON.stringify(caseCard({ ...cards[1]!, category: 'Technik', priority: 'Normal' }))).toContain('"verb":"claim"');
  });

  it('waits instead of failing when neither a channel nor the team mailbox exists', async () => {
    const { deliver } = setUp({ hasChannel: false, hasMail: true });
    await expect(deliver(notice({ ...base, event: 'ticket_created' }))).rejects.toBeInstanceOf(DeliveryWaiting);
  });
});
