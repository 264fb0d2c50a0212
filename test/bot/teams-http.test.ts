import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isAllowedServiceUrl } from '../../bot/create-teams-channel.ts';
import { loadConfig } from '../../config.ts';
import { createLogger } from '../../logger.ts';
import { startService, type RunningService } from '../../service/start-service.ts';
import { addAdvisor } from '../../tickets/add-advisor.ts';
import { createRequestTicket } from '../helpers/factories.ts';
import { cardTexts, startFakeConnector } from '../helpers/fake-connector.ts';
import { projectRoot, temporaryDirectory } from '../helpers/processes.ts';

type Activity = Record<string, unknown> & { conversation: Record<string, unknown>; from: Record<string, unknown> };

async function fixture(name: string): Promise<Activity> {
  return JSON.parse(await readFile(path.join(projectRoot, 'test/fixtures/teams', name), 'utf8')) as Activity;
}

let service: RunningService;
let connector: Awaited<ReturnType<typeof startFakeConnector>>;
let baseUrl: string;
let sequence = 0;

beforeAll(async () => {
  connector = await startFakeConnector();
  const dataDir = await temporaryDirectory();
  service = await startService({ config: loadConfig({ DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent' }), logger: createLogger({ level: 'silent' }) });
  baseUrl = `http://127.0.0.1:${service.port}`;
}, 60_000);
afterAll(async () => {
  await service?.close();
  await connector?.close();
});

/** Posts an activity to /api/messages as the Bot Connector would, with a fresh id. */
async function post(activity: Activity) {
  sequence += 1;
  const body = { ...activity, id: activity.id ? `${String(activity.id)}-${sequence}` : `${sequence}`, serviceUrl: connector.serviceUrl };
  const response = await fetch(`${baseUrl}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { response, body };
}

function repliesTo(conversationId: string) {
  return connector.messages().filter((call) => call.path.includes(`/v3/conversations/${conversationId}/activities`));
}

describe('Teams over HTTP with a stand-in connector', () => {
  it('welcomes once when installed in a personal chat', async () => {
    const install = await fixture('conversation-update-bot-added-to-personal-chat.json');
    install.conversation = { ...install.conversation, id: 'a:install-chat' };
    expect((await post(install)).response.status).toBe(200);
    await post(install);
    const welcomes = repliesTo('a:install-chat');
    expect(welcomes).toHaveLength(1);
    expect(cardTexts(welcomes[0]!.body)).toContain('Willkommen beim Schul-IT Assistenten');
  });

  it('answers a personal question with a cited card, a typing indicator first', async () => {
    const message = await fixture('personal-chat-message.json');
    message.text = 'Sind Smartphones im DigitalPakt förderfähig?';
    message.conversation = { ...message.conversation, id: 'a:personal-question' };
    expect((await post(message)).response.status).toBe(200);
    const calls = connector.calls.filter((call) => call.path.includes('a:personal-question'));
    expect(calls[0]?.body.type).toBe('typing');
    const [reply] = repliesTo('a:personal-question');
    const card = (reply!.body.attachments as { contentType: string; content: { version: string; actions: { title: string }[] } }[])[0]!;
    expect(card.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(card.content.version).toBe('1.5');
    const text = cardTexts(reply!.body);
    expect(text).toContain('Smartphones');
    expect(text).toContain('Quellen');
    expect(text).toMatch(/\]\(https?:\/\//);
    expect(card.content.actions.map((action) => action.title)).toEqual(['👍 Ja', '👎 Nein', 'Ticket eröffnen', 'Beratung anfragen']);
  });

  it('answers an @mention in a channel without the mention text, and ignores unmentioned channel chatter', async () => {
    const mention = await fixture('channel-message-with-bot-mention.json');
    const conversationId = String(mention.conversation.id);
    mention.text = '<at>ridotest</at> Ist WLAN förderfähig?';
    await post(mention);
    const replies = repliesTo(conversationId);
    expect(replies).toHaveLength(1);
    const text = cardTexts(replies[0]!.body);
    expect(text).toContain('WLAN');
    expect(text).not.toContain('<at>');
    expect(text).not.toContain('ridotest');

    const chatter = await fixture('channel-message-with-bot-mention.json');
    chatter.text = 'Hat jemand die Unterlagen von gestern?';
    chatter.entities = [];
    await post(chatter);
    expect(repliesTo(conversationId)).toHaveLength(1);
  });

  it('replies once to a redelivered activity', async () => {
    const message = await fixture('personal-chat-message.json');
    message.conversation = { ...message.conversation, id: 'a:redelivery' };
    message.text = 'Was ist ein Medienbildungskonzept?';
    const body = { ...message, id: 'same-id', serviceUrl: connector.serviceUrl };
    for (let attempt = 0; attempt < 2; attempt += 1) {
      await fetch(`${baseUrl}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    }
    expect(repliesTo('a:redelivery')).toHaveLength(1);
  });

  it('records "Hat das geholfen?" from an Action.Execute invoke and answers with a card', async () => {
    const question = await fixture('personal-chat-message.json');
    question.conversation = { ...question.conversation, id: 'a:feedback' };
    question.text = 'Ist eine interaktive Tafel förderfähig?';
    await post(question);
    const card = (repliesTo('a:feedback')[0]!.body.attachments as { content: { actions: { verb: string; data: { answerId?: string; isHelpful?: boolean } }[] } }[])[0]!.content;
    const yes = card.actions.find((action) => action.verb === 'feedback' && action.data.isHelpful === true)!;
    const invoke = await fixture('adaptive-card-action-invoke-personal.json');
    invoke.conversation = { ...invoke.conversation, id: 'a:feedback' };
    invoke.value = { action: { type: 'Action.Execute', verb: 'feedback', data: yes.data }, trigger: 'manual' };
    const { response } = await post(invoke);
    expect(response.status).toBe(200);
    const result = (await response.json()) as { statusCode: number; type: string; value: unknown };
    expect(result).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
    expect(JSON.stringify(result.value)).toContain('Danke für Ihre Rückmeldung');
    const answer = await service.database.prisma.answer.findUniqueOrThrow({ where: { id: yes.data.answerId! } });
    expect(answer.isHelpful).toBe(true);
  });

  it('posts a new case into the registered advisors channel; claiming updates the card for everyone', async () => {
    const register = await fixture('channel-message-with-bot-mention.json');
    register.text = '<at>ridotest</at> Beraterkanal registrieren';
    register.conversation = { ...register.conversation, id: '19:advisors@thread.tacv2;messageid=1' };
    // Someone whose Teams account is not an advisor's cannot take the cases to their channel.
    await post(register);
    expect(cardTextsOrText(repliesTo('19:advisors@thread.tacv2;messageid=1').at(-1)!.body)).toContain('können nur Beraterinnen und Berater');
    expect(await service.database.prisma.conversation.count({ where: { externalKey: 'advisor-channel' } })).toBe(0);

    await addAdvisor({ prisma: service.database.prisma, name: 'Rido Kanal', email: 'rido.kanal@ego-mv.example', teamsAadObjectId: String(register.from.aadObjectId) });
    register.id = `${String(register.id)}-again`;
    await post(register);
    expect(cardTextsOrText(repliesTo('19:advisors@thread.tacv2;messageid=1').at(-1)!.body)).toContain('ist jetzt der Beraterkanal');

    const { advisor } = await addAdvisor({ prisma: service.database.prisma, name: 'Rido Berater', email: 'rido@ego-mv.example', teamsAadObjectId: 'c5e99701-2a32-49c1-a660-4629ceeb8c61' });
    const request = await fixture('personal-chat-message.json');
    request.conversation = { ...request.conversation, id: 'a:sdm-problem' };
    request.text = 'Unser SDM-Login funktioniert nicht mehr, bitte prüfen.';
    await post(request);
    const number = /SIT-\d{4}-\d{5}/.exec(cardTexts(repliesTo('a:sdm-problem')[0]!.body))![0];

    await service.deliverOutboxNow();
    const thread = connector.calls.find((call) => call.method === 'POST' && /\/v3\/conversations\/?$/.test(call.path) && JSON.stringify(call.body).includes(number));
    expect(thread, 'new thread in the advisors channel').toBeDefined();
    expect(JSON.stringify(thread!.body)).toContain('Übernehmen');
    expect((thread!.body.channelData as { channel: { id: string } }).channel.id).toBe('19:advisors@thread.tacv2');

    const claim = await fixture('adaptive-card-action-invoke-personal.json');
    claim.conversation = { id: '19:advisors@thread.tacv2;messageid=thread-1', conversationType: 'channel', isGroup: true };
    claim.value = { action: { type: 'Action.Execute', verb: 'claim', data: { verb: 'claim', ticketNumber: number } }, trigger: 'manual' };
    const { response } = await post(claim);
    const result = (await response.json()) as { value: unknown };
    expect(JSON.stringify(result.value)).toContain('übernommen von Rido Berater');
    expect(JSON.stringify(result.value)).not.toContain('"verb":"claim"');
    expect(connector.calls.some((call) => call.method === 'PUT' && call.path.endsWith(`/activities/${String(claim.replyToId)}`))).toBe(true);
    const ticket = await service.database.prisma.ticket.findUniqueOrThrow({ where: { number } });
    expect(ticket).toMatchObject({ assigneeId: advisor.id, status: 'in_bearbeitung' });
  });

  it('sends a status change to the requester in their Teams chat through the outbox', async () => {
    const message = await fixture('personal-chat-message.json');
    message.conversation = { ...message.conversation, id: 'a:status-change' };
    message.text = 'Unser WLAN-Controller ist ausgefallen, bitte prüfen.';
    await post(message);
    const number = /SIT-\d{4}-\d{5}/.exec(cardTexts(repliesTo('a:status-change')[0]!.body))![0];
    const { updateTicketStatus } = await import('../../tickets/update-ticket-status.ts');
    await updateTicketStatus({ prisma: service.database.prisma, ticketNumber: number, status: 'geloest', actor: { type: 'advisor' } });
    await service.deliverOutboxNow();
    const notice = repliesTo('a:status-change').find((call) => call.body.text === `Ihr Vorgang ${number} ist jetzt gelöst.`);
    expect(notice).toBeDefined();
  });

  it('rejects malformed activities with 400 and a structured error', async () => {
    const notJson = await fetch(`${baseUrl}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"type": "message",' });
    expect(notJson.status).toBe(400);
    const noConversation = await fetch(`${baseUrl}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ type: 'message', text: 'hallo', serviceUrl: connector.serviceUrl }) });
    expect(noConversation.status).toBe(400);
    expect(((await noConversation.json()) as { error: { code: string } }).error.code).toBe('invalid_input');
    const array = await fetch(`${baseUrl}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '[1,2]' });
    expect(array.status).toBe(400);
    expect((await fetch(`${baseUrl}/healthz`)).status).toBe(200);
  });
});

function cardTextsOrText(activity: Record<string, unknown>): string {
  return typeof activity.text === 'string' ? activity.text : cardTexts(activity);
}

describe('Teams local mode (no bot registration)', () => {
  it('takes activities only from this machine and answers only to this machine', async () => {
    const message = await fixture('personal-chat-message.json');
    const before = connector.messages().length;
    // Through a proxy (X-Forwarded-For) the caller is not this machine.
    const remote = await fetch(`${baseUrl}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': '203.0.113.9' }, body: JSON.stringify({ ...message, id: 'remote-1', serviceUrl: connector.serviceUrl }) });
    expect(remote.status).toBe(403);
    expect(((await remote.json()) as { error: { code: string } }).error.code).toBe('forbidden');
    const outward = await fetch(`${baseUrl}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ...message, id: 'outward-1', serviceUrl: 'http://10.0.0.7:8080/' }) });
    expect(outward.status).toBe(400);
    expect(connector.messages().length).toBe(before);
  });

  it('lets remote callers in only by opt-in, and then claims and registers nothing for them', async () => {
    const rig = await startService({ config: loadConfig({ DATA_DIR: await temporaryDirectory(), PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', BOT_LOCAL_MODE_ALLOW_REMOTE: 'true' }), logger: createLogger({ level: 'silent' }) });
    try {
      // The ticket first, so that no automatic assignment gives it to the advisor.
      const ticket = await createRequestTicket(rig.database.prisma);
      await addAdvisor({ prisma: rig.database.prisma, name: 'Rita Remote', email: 'rita@ego-mv.example', teamsAadObjectId: 'c5e99701-2a32-49c1-a660-4629ceeb8c61' });
      const claim = await fixture('adaptive-card-action-invoke-personal.json');
      claim.value = { action: { type: 'Action.Execute', verb: 'claim', data: { verb: 'claim', ticketNumber: ticket.number } }, trigger: 'manual' };
      const forged = await fetch(`http://127.0.0.1:${rig.port}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': '203.0.113.9' }, body: JSON.stringify({ ...claim, id: 'forged-claim', serviceUrl: connector.serviceUrl }) });
      expect(forged.status).toBe(200);
      expect(JSON.stringify(await forged.json())).toContain('Administration');
      expect((await rig.database.prisma.ticket.findUniqueOrThrow({ where: { id: ticket.id } })).assigneeId).toBeNull();
      const register = await fixture('channel-message-with-bot-mention.json');
      register.text = '<at>ridotest</at> Beraterkanal registrieren';
      register.from = { ...register.from, aadObjectId: 'c5e99701-2a32-49c1-a660-4629ceeb8c61' };
      await fetch(`http://127.0.0.1:${rig.port}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': '203.0.113.9' }, body: JSON.stringify({ ...register, id: 'forged-register', serviceUrl: connector.serviceUrl }) });
      expect(await rig.database.prisma.conversation.count({ where: { externalKey: 'advisor-channel' } })).toBe(0);
    } finally {
      await rig.close();
    }
  }, 60_000);

  it('knows the Bot Framework hosts, subdomains included', () => {
    const hosts = loadConfig({}).BOT_SERVICE_URL_HOSTS.split(',');
    expect(isAllowedServiceUrl('https://smba.trafficmanager.net/emea/', hosts)).toBe(true);
    expect(isAllowedServiceUrl('https://directline.botframework.com/', hosts)).toBe(true);
    expect(isAllowedServiceUrl('https://botframework.com.evil.example/', hosts)).toBe(false);
    expect(isAllowedServiceUrl('http://169.254.169.254/', hosts)).toBe(false);
  });
});

describe('Teams with a bot registration configured', () => {
  it('answers 401 to a request without a valid token', async () => {
    const dataDir = await temporaryDirectory();
    const secured = await startService({
      config: loadConfig({ DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', MicrosoftAppId: '00000000-1111-2222-3333-444444444444', MicrosoftAppPassword: 'geheim', MicrosoftAppTenantId: '55555555-6666-7777-8888-999999999999' }),
      logger: createLogger({ level: 'silent' }),
    });
    try {
      const message = await fixture('personal-chat-message.json');
      const url = `http://127.0.0.1:${secured.port}/api/messages`;
      const without = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(message) });
      expect(without.status).toBe(401);
      const forged = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl' }, body: JSON.stringify(message) });
      expect(forged.status).toBe(401);
      expect(forged.headers.get('content-type')).toMatch(/^application\/json/);
      expect(((await forged.json()) as { error: { code: string } }).error.code).toBe('unauthorized');
      // With a registration, replies go only to the Bot Framework's hosts.
      const elsewhere = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ...message, serviceUrl: 'http://127.0.0.1:6379/' }) });
      expect(elsewhere.status).toBe(400);
    } finally {
      await secured.close();
    }
  }, 60_000);

  it('refuses to start in production without an app id', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/MicrosoftAppId/);
  });
});
