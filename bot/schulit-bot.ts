import {
  ActivityTypes,
  CardFactory,
  TeamsActivityHandler,
  TurnContext,
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
  type Attachment,
} from 'botbuilder';
import type { Engine } from '../handlers/create-engine.ts';
import type { CardAction } from '../handlers/handle-card-action.ts';
import type { HandledMessage, InboundMessage } from '../handlers/types.ts';
import { caseCard, replyCard, welcomeCard, type AdaptiveCard } from './cards.ts';

/** What the bot hands over to: the one engine, plus the workspace link for case cards. The bot decides nothing itself. */
export type BotEngine = Omit<Engine, 'chatSessions'> & { workspaceUrl(ticketNumber: string): string };

/** Turn state key under which the HTTP route records whether the activity's sender is proven. */
export const senderProvenKey = Symbol('schulit.senderProven');

function toInboundMessage(context: TurnContext, text: string): InboundMessage {
  const { activity } = context;
  return {
    channel: 'teams',
    // Proven when botbuilder validated the activity's token, or in local mode the caller is this machine.
    sender: { id: activity.from?.id, aadObjectId: activity.from?.aadObjectId, name: activity.from?.name, isProven: context.turnState.get(senderProvenKey) === true },
    conversationKey: activity.conversation.id,
    text,
    externalId: activity.id ? `${activity.conversation.id}|${activity.id}` : undefined,
  };
}

/** Button payloads (Action.Execute data or Action.Submit value) to the engine's card actions. */
export function toCardAction(data: Record<string, unknown> | undefined, verb?: string): CardAction | null {
  const name = verb ?? (typeof data?.verb === 'string' ? data.verb : undefined);
  if (name === 'feedback' && typeof data?.answerId === 'string') return { verb: 'feedback', answerId: data.answerId, isHelpful: data.isHelpful === true || data.isHelpful === 'true' };
  if (name === 'open_ticket') return { verb: 'open_ticket', question: typeof data?.question === 'string' ? data.question : '' };
  if (name === 'book_consultation') return { verb: 'book_consultation' };
  if (name === 'claim' && typeof data?.ticketNumber === 'string') return { verb: 'claim', ticketNumber: data.ticketNumber };
  return null;
}

function cardAttachments(handled: HandledMessage, question: string): Attachment[] {
  return handled.replies.map((reply) => CardFactory.adaptiveCard(replyCard(reply, question)));
}

/**
 * The Teams bot: translates activities to inbound messages and replies to Adaptive Cards. In
 * channels and group chats it only listens when @mentioned.
 */
export class SchulItBot extends TeamsActivityHandler {
  private readonly engine: BotEngine;

  constructor({ engine }: { engine: BotEngine }) {
    super();
    this.engine = engine;

    this.onMessage(async (context, next) => {
      await this.engine.storeConversationReference(context.activity.conversation.id, TurnContext.getConversationReference(context.activity) as unknown as Record<string, unknown>);
      const value = context.activity.value as Record<string, unknown> | undefined;
      if (value && !context.activity.text) {
        const action = toCardAction(value);
        if (action) await this.answer(context, await this.engine.handleCardAction(action, toInboundMessage(context, '')), '');
        await next();
        return;
      }
      const isPersonal = context.activity.conversation.conversationType === 'personal' || !context.activity.conversation.conversationType;
      const isMentioned = TurnContext.getMentions(context.activity).some((mention) => mention.mentioned?.id === context.activity.recipient?.id);
      if (!isPersonal && !isMentioned) {
        await next();
        return;
      }
      const text = (TurnContext.removeRecipientMention(context.activity) ?? context.activity.text ?? '').trim();
      if (!isPersonal && this.engine.isAdvisorChannelCommand(text)) {
        const reference = TurnContext.getConversationReference(context.activity) as unknown as Record<string, unknown>;
        await context.sendActivity(await this.engine.registerAdvisorChannel(reference, toInboundMessage(context, text)));
        await next();
        return;
      }
      if (text === '') {
        await context.sendActivity('Schreiben Sie mir Ihre Frage oder Ihr Anliegen.');
        await next();
        return;
      }
      await context.sendActivity({ type: ActivityTypes.Typing });
      const handled = await this.engine.handleMessage(toInboundMessage(context, text));
      await this.answer(context, handled, text);
      await next();
    });

    // Installing sends a conversationUpdate (bot among membersAdded; "28:" ids are bots) and often
    // an installationUpdate too: welcome once per conversation.
    this.onMembersAdded(async (context, next) => {
      const isBotAdded = (context.activity.membersAdded ?? []).some((member) => member.id === context.activity.recipient?.id || member.id.startsWith('28:'));
      if (isBotAdded) await this.welcome(context);
      await next();
    });
    this.onInstallationUpdateAdd(async (context, next) => {
      await this.welcome(context);
      await next();
    });
  }

  private async welcome(context: TurnContext): Promise<void> {
    await this.engine.storeConversationReference(context.activity.conversation.id, TurnContext.getConversationReference(context.activity) as unknown as Record<string, unknown>);
    if (!(await this.engine.isFirstWelcome(context.activity.conversation.id))) return;
    await context.sendActivity({ attachments: [CardFactory.adaptiveCard(welcomeCard())] });
  }

  private async answer(context: TurnContext, handled: HandledMessage, question: string): Promise<void> {
    if (handled.isDuplicate || handled.replies.length === 0) return;
    await context.sendActivity({ attachments: cardAttachments(handled, question), attachmentLayout: 'list' });
  }

  protected override async onAdaptiveCardInvoke(context: TurnContext, invokeValue: AdaptiveCardInvokeValue): Promise<AdaptiveCardInvokeResponse> {
    const action = toCardAction(invokeValue.action?.data as Record<string, unknown> | undefined, invokeValue.action?.verb);
    if (!action) return { statusCode: 400, type: 'application/vnd.microsoft.error', value: { code: 'BadRequest', message: 'Unbekannte Aktion' } as never };
    const handled = await this.engine.handleCardAction(action, toInboundMessage(context, ''));
    let updated: AdaptiveCard;
    if (action.verb === 'claim' && handled.ticket && handled.claimedBy) {
      updated = caseCard({
        ticketNumber: handled.ticket.number,
        subject: '',
        category: handled.ticket.category,
        priority: handled.ticket.priority,
        event: 'ticket_claimed',
        workspaceUrl: this.engine.workspaceUrl(handled.ticket.number),
        claimedBy: handled.claimedBy,
      });
      // The invoke response replaces the card for the advisor who pressed; the update, for everyone.
      if (context.activity.replyToId) {
        await context.updateActivity({ type: ActivityTypes.Message, id: context.activity.replyToId, conversation: context.activity.conversation, attachments: [CardFactory.adaptiveCard(updated)] });
      }
    } else {
      const reply = handled.replies[0] ?? { text: 'Erledigt.', citations: [], suggestedActions: [] };
      updated = replyCard(reply, '');
    }
    return { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: updated as never };
  }
}
