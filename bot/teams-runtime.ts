import {
  CardFactory,
  TurnContext,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  TeamsInfo,
  type Activity,
  type ConversationReference,
} from 'botbuilder';
import type { Request } from 'express';
import type { Logger } from '../logger.ts';
import { caseCard, type CaseCardOptions } from './cards.ts';
import type { TeamsSettings } from './create-teams-channel.ts';
import { senderProvenKey, SchulItBot, type BotEngine } from './schulit-bot.ts';

const germanErrorText =
  'Entschuldigung, dabei ist bei mir ein Fehler aufgetreten. Bitte versuchen Sie es noch einmal; wenn es wieder passiert, schreiben Sie bitte an das Sachgebiet Schul-IT.';

/**
 * Everything of the Teams channel that needs botbuilder: the CloudAdapter (JWT-validated when an
 * app id is configured), the bot, and proactive sending. Loaded on the channel's first use, so a
 * service that never hears from Teams does not pay for the SDK at start.
 */
export function createTeamsRuntime({ settings, engine, logger }: { settings: TeamsSettings; engine: BotEngine; logger: Logger }) {
  const authentication = new ConfigurationBotFrameworkAuthentication({
    MicrosoftAppId: settings.appId ?? '',
    MicrosoftAppPassword: settings.appPassword ?? '',
    // Local mode (no app id): botbuilder only disables auth with the password credential factory.
    MicrosoftAppType: settings.appId ? settings.appType : 'MultiTenant',
    MicrosoftAppTenantId: settings.tenantId ?? '',
  });
  const adapter = new CloudAdapter(authentication);
  adapter.onTurnError = async (context, error) => {
    logger.error({ err: error, activityType: context.activity.type }, 'teams turn failed');
    await context.sendActivity(germanErrorText).catch(() => undefined);
  };
  const bot = new SchulItBot({ engine });
  const appId = settings.appId ?? '';

  /** One incoming activity through the adapter and the bot. */
  async function processActivity(request: Request, response: object, isSenderProven: boolean): Promise<void> {
    await adapter.process(request, response as never, (context) => {
      context.turnState.set(senderProvenKey, isSenderProven);
      return bot.run(context);
    });
  }

  /**
   * Runs proactive logic and rethrows its failure: the adapter would otherwise hand it to
   * onTurnError and report success, and the outbox would count an undelivered message as sent.
   */
  async function proactively(reference: Record<string, unknown>, logic: (context: TurnContext) => Promise<void>): Promise<void> {
    let failure: unknown;
    await adapter.continueConversationAsync(appId, reference as Partial<ConversationReference>, async (context) => {
      try {
        await logic(context);
      } catch (error) {
        failure = error;
      }
    });
    if (failure) throw failure;
  }

  async function send(reference: Record<string, unknown>, activity: Partial<Activity>): Promise<void> {
    await proactively(reference, async (context) => {
      await context.sendActivity(activity);
    });
  }

  /** Starts a new thread in the advisors' channel with the case card. */
  async function postCaseCard(channelReference: Record<string, unknown> | null, options: CaseCardOptions): Promise<void> {
    const reference =
      channelReference ??
      (settings.advisorChannelId
        ? { channelId: 'msteams', serviceUrl: settings.serviceUrl, conversation: { id: settings.advisorChannelId, isGroup: true, conversationType: 'channel', tenantId: settings.tenantId } }
        : null);
    if (!reference) throw new Error('Kein Teams-Beraterkanal registriert');
    const conversationId = String((reference.conversation as { id?: string } | undefined)?.id ?? '');
    const channelId = conversationId.split(';')[0]!;
    const activity = { type: 'message', attachments: [CardFactory.adaptiveCard(caseCard(options))] } as Activity;
    if (appId) {
      await proactively(reference, async (context) => {
        await TeamsInfo.sendMessageToTeamsChannel(context, activity, channelId, appId);
      });
      return;
    }
    // Local mode: TeamsInfo needs an app id, so start the thread through the adapter directly.
    await adapter.createConversationAsync('', 'msteams', String(reference.serviceUrl), '', { isGroup: true, channelData: { channel: { id: channelId } }, activity, bot: reference.bot as never, members: [] }, async () => undefined);
  }

  return { processActivity, sendText: (reference: Record<string, unknown>, text: string) => send(reference, { type: 'message', text }), postCaseCard };
}

export type TeamsRuntime = ReturnType<typeof createTeamsRuntime>;
