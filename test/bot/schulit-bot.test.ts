import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { TestAdapter, type Activity } from 'botbuilder';
import { describe, expect, it } from 'vitest';
import { SchulItBot, toCardAction, type BotEngine } from '../../bot/schulit-bot.ts';
import type { CardAction } from '../../handlers/handle-card-action.ts';
import type { InboundMessage } from '../../handlers/types.ts';
import { projectRoot } from '../helpers/processes.ts';

/** An engine that records what the bot hands over and answers with a fixed reply. */
function recordingEngine() {
  const messages: InboundMessage[] = [];
  const actions: CardAction[] = [];
  const engine: BotEngine = {
    async handleMessage(message) {
      messages.push(message);
      return { intent: 'question', replies: [{ text: `Antwort auf: ${message.text}`, citations: [{ title: 'Dok', section: 'Abschnitt', source: 'https://example.org' }], suggestedActions: ['feedback'], answerId: 'a1' }] };
    },
    async handleCardAction(action) {
      actions.push(action);
      return { intent: 'clarify', replies: [{ text: 'ok', citations: [], suggestedActions: [] }] };
    },
    storeConversationReference: async () => undefined,
    registerAdvisorChannel: async () => 'registriert',
    isAdvisorChannelCommand: () => false,
    isFirstWelcome: async () => true,
    workspaceUrl: (number) => `https://example.org/advisor/tickets/${number}`,
  };
  return { engine, messages, actions };
}

async function fixture(name: string): Promise<Partial<Activity>> {
  return JSON.parse(await readFile(path.join(projectRoot, 'test/fixtures/teams', name), 'utf8')) as Partial<Activity>;
}

describe('SchulItBot turns (TestAdapter)', () => {
  it('strips the mention in a channel and hands the Teams identity to the engine', async () => {
    const { engine, messages } = recordingEngine();
    const bot = new SchulItBot({ engine });
    const adapter = new TestAdapter((context) => bot.run(context));
    const activity = await fixture('channel-message-with-bot-mention.json');
    activity.text = '<at>ridotest</at> Was ist der MEP?';
    await adapter.send(activity).assertReply((reply) => expect(reply.type).toBe('typing')).assertReply((reply) => {
      const content = JSON.stringify(reply.attachments?.[0]?.content);
      expect(content).toContain('Antwort auf: Was ist der MEP?');
      expect(content).toContain('[Dok – Abschnitt](https://example.org)');
    }).startTest();
    expect(messages[0]).toMatchObject({ channel: 'teams', text: 'Was ist der MEP?', sender: { name: 'rido', aadObjectId: 'b15a9416-0ad3-4172-9210-7beb711d3f70' } });
    expect(messages[0]?.conversationKey).toContain('@thread.tacv2');
  });

  it('stays silent in a channel when not mentioned', async () => {
    const { engine, messages } = recordingEngine();
    const bot = new SchulItBot({ engine });
    const adapter = new TestAdapter((context) => bot.run(context));
    const activity = await fixture('channel-message-with-bot-mention.json');
    activity.text = 'Kaffee?';
    activity.entities = [];
    await adapter.send(activity).startTest();
    expect(messages).toEqual([]);
  });

  it('turns Action.Submit values into card actions', async () => {
    const { engine, actions } = recordingEngine();
    const bot = new SchulItBot({ engine });
    const adapter = new TestAdapter((context) => bot.run(context));
    const activity = await fixture('personal-chat-message.json');
    delete activity.text;
    activity.value = { verb: 'feedback', answerId: 'a1', isHelpful: false };
    await adapter.send(activity).assertReply((reply) => expect(JSON.stringify(reply.attachments)).toContain('ok')).startTest();
    expect(actions).toEqual([{ verb: 'feedback', answerId: 'a1', isHelpful: false }]);
    expect(toCardAction({ verb: 'claim' })).toBeNull();
  });
});
