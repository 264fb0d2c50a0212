import { createServer, type Server } from 'node:http';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.ts';
import { createLogger } from '../../logger.ts';
import { startService, type RunningService } from '../../service/start-service.ts';
import { addAdvisor } from '../../tickets/add-advisor.ts';
import { temporaryDirectory } from '../helpers/processes.ts';

const tenantId = '8f2a5c1e-4b7d-4e0a-9c3f-2d6b8a1e5f70';
const clientId = '3c9d7e2a-1f4b-4a8c-b6d5-7e0f9a2c4b18';

let service: RunningService;
let baseUrl: string;
let jwksServer: Server;
let signingKey: CryptoKey;
let strangerKey: CryptoKey;
let adminToken: string;
let advisorToken: string;

beforeAll(async () => {
  // The tenant's signing keys, served locally as Entra ID would serve them.
  const pair = await generateKeyPair('RS256');
  signingKey = pair.privateKey;
  strangerKey = (await generateKeyPair('RS256')).privateKey;
  const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'test-key-1', alg: 'RS256', use: 'sig' };
  jwksServer = createServer((_request, response) => {
    response.setHeader('content-type', 'application/json');
    response.end(JSON.stringify({ keys: [jwk] }));
  });
  await new Promise<void>((resolve) => jwksServer.listen(0, '127.0.0.1', resolve));
  const jwksPort = (jwksServer.address() as { port: number }).port;

  service = await startService({
    config: loadConfig({
      DATA_DIR: await temporaryDirectory(),
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'silent',
      PUBLIC_BASE_URL: 'https://assistent.ego-mv.example',
      TEAMS_SSO_CLIENT_ID: clientId,
      TEAMS_SSO_TENANT_ID: tenantId,
      TEAMS_SSO_JWKS_URL: `http://127.0.0.1:${jwksPort}/keys`,
    }),
    logger: createLogger({ level: 'silent' }),
  });
  baseUrl = `http://127.0.0.1:${service.port}`;
  adminToken = (await addAdvisor({ prisma: service.database.prisma, name: 'Adele Admin', email: 'adele@ego-mv.example', role: 'admin' })).token;
  advisorToken = (await addAdvisor({ prisma: service.database.prisma, name: 'Bernd Berater', email: 'bernd@ego-mv.example' })).token;
}, 60_000);
afterAll(async () => {
  await service?.close();
  await new Promise((resolve) => jwksServer?.close(resolve));
});

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- JSON of many shapes

async function api(path: string, token: string, { method = 'GET', body }: { method?: string; body?: unknown } = {}) {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined || Buffer.isBuffer(body) ? { 'content-type': 'application/octet-stream' } : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : Buffer.isBuffer(body) ? new Uint8Array(body) : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : {}) as Json };
}

async function chat(text: string, email: string, conversationId?: string) {
  const response = await fetch(`${baseUrl}/api/chat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ conversationId, user: { email, name: 'Tom Träger' }, text }) });
  return (await response.json()) as Json;
}

function ssoToken(claims: Record<string, unknown>, { key = signingKey, audience = clientId, issuer = `https://login.microsoftonline.com/${tenantId}/v2.0`, expiresIn = '1h' } = {}) {
  return new SignJWT({ tid: tenantId, scp: 'access_as_user', ...claims })
    .setProtectedHeader({ alg: 'RS256', kid: 'test-key-1' })
    .setIssuer(issuer)
    .setAudience(audience)
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(key);
}

describe('roles', () => {
  it('lets admins manage colleagues and refuses advisors', async () => {
    expect((await api('/api/advisor/advisors', advisorToken, { method: 'POST', body: { name: 'Neu', email: 'neu@ego-mv.example' } })).status).toBe(403);
    const created = await api('/api/advisor/advisors', adminToken, { method: 'POST', body: { name: 'Carla Kollegin', email: 'carla@ego-mv.example' } });
    expect(created.status).toBe(201);
    expect(created.body.advisor).toMatchObject({ name: 'Carla Kollegin', role: 'advisor', isActive: true });
    expect((await api('/api/advisor/me', created.body.token)).body.advisor.email).toBe('carla@ego-mv.example');
    expect((await api('/api/advisor/advisors', adminToken, { method: 'POST', body: { name: 'Carla', email: 'CARLA@ego-mv.example' } })).status).toBe(409);

    const second = await api(`/api/advisor/advisors/${created.body.advisor.id}/tokens`, adminToken, { method: 'POST' });
    expect(second.status).toBe(201);
    const deactivated = await api(`/api/advisor/advisors/${created.body.advisor.id}`, adminToken, { method: 'PATCH', body: { isActive: false } });
    expect(deactivated.body.advisor.isActive).toBe(false);
    expect((await api('/api/advisor/me', created.body.token)).status).toBe(401);
    expect((await api('/api/advisor/me', second.body.token)).status).toBe(401);
    expect((await api('/api/advisor/advisors', advisorToken)).body.advisors.map((advisor: Json) => advisor.email)).not.toContain('carla@ego-mv.example');
    expect((await api('/api/advisor/advisors?all=1', adminToken)).body.advisors.map((advisor: Json) => advisor.email)).toContain('carla@ego-mv.example');
  });

  it('keeps the last admin', async () => {
    const me = (await api('/api/advisor/me', adminToken)).body.advisor;
    const demoted = await api(`/api/advisor/advisors/${me.id}`, adminToken, { method: 'PATCH', body: { role: 'advisor' } });
    expect(demoted.status).toBe(409);
    expect(demoted.body.error.message).toContain('letzte');
    expect((await api('/api/advisor/me', adminToken)).body.advisor.role).toBe('admin');
  });
});

describe('canned replies', () => {
  it('are kept by admins and filled per ticket, showing what is missing', async () => {
    const ticket = (await chat('Bitte prüfen Sie unseren SDM-Zugang, er ist gesperrt.', 'vorlage@amt.example')).ticket.number as string;
    expect((await api('/api/advisor/canned-replies', advisorToken, { method: 'POST', body: { title: 'x', body: 'y' } })).status).toBe(403);
    const unknown = await api('/api/advisor/canned-replies', adminToken, { method: 'POST', body: { title: 'Falsch', body: 'Hallo {{vorname}}' } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toContain('{{vorname}}');

    const created = await api('/api/advisor/canned-replies', adminToken, {
      method: 'POST',
      body: { title: 'Zugang entsperrt', category: 'sdm', body: 'Guten Tag {{name}},\n\nzu Vorgang {{ticket}} ({{betreff}}): Der Zugang für {{schultraeger}} ist entsperrt.\n\nViele Grüße\n{{berater}}' },
    });
    expect(created.status).toBe(201);
    expect((await api('/api/advisor/canned-replies', adminToken, { method: 'POST', body: { title: 'Zugang entsperrt', body: 'doppelt' } })).status).toBe(409);

    const listed = await api('/api/advisor/canned-replies', advisorToken);
    expect(listed.body.cannedReplies.map((reply: Json) => reply.title)).toContain('Zugang entsperrt');
    expect(listed.body.placeholders.map((placeholder: Json) => placeholder.name)).toEqual(expect.arrayContaining(['name', 'ticket', 'berater']));

    const rendered = await api(`/api/advisor/canned-replies/${created.body.cannedReply.id}/render`, advisorToken, { method: 'POST', body: { ticketNumber: ticket } });
    expect(rendered.body.text).toContain('Guten Tag Tom Träger,');
    expect(rendered.body.text).toContain(`zu Vorgang ${ticket} (`);
    expect(rendered.body.text).toContain('Bernd Berater');
    // No school board was named, so that gap stays visible.
    expect(rendered.body.text).toContain('{{schultraeger}}');
    expect(rendered.body.missing).toEqual(['schultraeger']);

    expect((await api(`/api/advisor/canned-replies/${created.body.cannedReply.id}`, adminToken, { method: 'PATCH', body: { title: 'Zugang wieder frei' } })).body.cannedReply.title).toBe('Zugang wieder frei');
    expect((await api(`/api/advisor/canned-replies/${created.body.cannedReply.id}`, adminToken, { method: 'DELETE' })).status).toBe(204);
    expect((await api(`/api/advisor/canned-replies/${created.body.cannedReply.id}`, adminToken, { method: 'DELETE' })).status).toBe(404);
  });
});

describe('merging tickets', () => {
  it('moves the duplicate into the ticket that carries on; later mail to the duplicate lands there', async () => {
    const first = (await chat('Unser SDM-Zugang für die Grundschule ist gesperrt, bitte prüfen.', 'dublette@amt.example')).ticket.number as string;
    const second = (await chat('Der SDM-Zugang ist immer noch gesperrt, bitte prüfen Sie das.', 'dublette@amt.example')).ticket.number as string;
    expect(first).not.toBe(second);

    expect((await api(`/api/advisor/tickets/${second}/merge`, advisorToken, { method: 'POST', body: { into: second } })).status).toBe(400);
    const merged = await api(`/api/advisor/tickets/${second}/merge`, advisorToken, { method: 'POST', body: { into: first } });
    expect(merged.status).toBe(200);
    expect(merged.body.ticket.number).toBe(first);

    const source = (await api(`/api/advisor/tickets/${second}`, advisorToken)).body.ticket;
    expect(source).toMatchObject({ status: 'geschlossen', mergedInto: first, messages: [] });
    const target = (await api(`/api/advisor/tickets/${first}`, advisorToken)).body.ticket;
    expect(target.mergedTickets).toEqual([second]);
    expect(target.messages.filter((message: Json) => message.direction === 'in').map((message: Json) => message.text)).toEqual([
      'Unser SDM-Zugang für die Grundschule ist gesperrt, bitte prüfen.',
      'Der SDM-Zugang ist immer noch gesperrt, bitte prüfen Sie das.',
    ]);
    expect(target.events.map((event: Json) => event.type)).toContain('merged');
    expect((await api(`/api/advisor/tickets/${second}/merge`, advisorToken, { method: 'POST', body: { into: first } })).status).toBe(409);

    const raw = [
      'From: Tom Träger <dublette@amt.example>',
      'To: schulit@ego-mv.example',
      `Subject: Re: [${second}] SDM-Zugang`,
      'Message-ID: <nachtrag-1@amt.example>',
      'Date: Tue, 01 Dec 2026 10:00:00 +0100',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'Jetzt geht auch die Passwort-Rücksetzung nicht mehr.',
      '',
    ].join('\r\n');
    await service.ingestMail(Buffer.from(raw));
    const after = (await api(`/api/advisor/tickets/${first}`, advisorToken)).body.ticket;
    expect(after.messages.map((message: Json) => message.text)).toContain('Jetzt geht auch die Passwort-Rücksetzung nicht mehr.');
  });
});

describe('knowledge documents', () => {
  const document = (extra: string) =>
    Buffer.from(`---\nid: leitfaden-beamer-wartung\ntitle: Leitfaden Wartung interaktiver Tafeln\nsources:\n  - https://www.ego-mv.de/\n---\n\n# Leitfaden Wartung interaktiver Tafeln\n\n## Wartungsintervall\n\nDie Kalibrierung der interaktiven Tafeln erfolgt laut diesem Leitfaden halbjährlich durch den Schulträger. ${extra}\n`);

  it('lets admins upload, version and re-ingest documents that then answer questions', async () => {
    expect((await api('/api/advisor/knowledge/documents?fileName=leitfaden.md', advisorToken, { method: 'POST', body: document('') })).status).toBe(403);
    expect((await api('/api/advisor/knowledge/documents?fileName=programm.exe', adminToken, { method: 'POST', body: Buffer.from('MZ') })).status).toBe(400);
    const broken = await api('/api/advisor/knowledge/documents?fileName=kaputt.pdf', adminToken, { method: 'POST', body: Buffer.from('%PDF-1.4 kein echtes PDF') });
    expect(broken.status).toBe(400);

    const uploaded = await api('/api/advisor/knowledge/documents?fileName=leitfaden-tafeln.md', adminToken, { method: 'POST', body: document('') });
    expect(uploaded.status).toBe(201);
    expect(uploaded.body.report.added).toEqual(['leitfaden-beamer-wartung']);
    const answer = await chat('Wie oft müssen die interaktiven Tafeln kalibriert werden?', 'tafel@amt.example');
    expect(answer.replies[0].text).toContain('halbjährlich');

    const changed = await api('/api/advisor/knowledge/documents?fileName=leitfaden-tafeln.md', adminToken, { method: 'POST', body: document('Ersatzstifte bestellt die Schule selbst.') });
    expect(changed.body.report.updated).toEqual(['leitfaden-beamer-wartung']);
    const listed = (await api('/api/advisor/knowledge/documents', advisorToken)).body.documents as Json[];
    const entry = listed.find((row) => row.key === 'leitfaden-beamer-wartung')!;
    expect(entry).toMatchObject({ version: 2, title: 'Leitfaden Wartung interaktiver Tafeln' });
    expect(entry.versions.map((version: Json) => [version.version, version.isCurrent])).toEqual([[2, true], [1, false]]);
    expect(listed.length).toBeGreaterThanOrEqual(17);

    const reingested = await api('/api/advisor/knowledge/reingest', adminToken, { method: 'POST' });
    expect(reingested.status).toBe(200);
    expect(reingested.body.report.unchanged).toContain('leitfaden-beamer-wartung');
    expect(reingested.body.report.added).toEqual([]);
  });
});

describe('Teams SSO', () => {
  it('accepts a token signed by the tenant for our app once an admin recorded the object id, never by the sign-in address alone', async () => {
    const objectId = 'a1b2c3d4-0000-4000-8000-000000000001';
    const token = await ssoToken({ oid: objectId, preferred_username: 'Bernd@ego-mv.example', name: 'Bernd Berater' });
    // preferred_username is mutable (Microsoft): it does not bind an account unless the operator opts in.
    expect((await api('/api/advisor/me', token)).status).toBe(401);
    expect((await service.database.prisma.advisor.findUniqueOrThrow({ where: { email: 'bernd@ego-mv.example' } })).teamsAadObjectId).toBeNull();
    const bernd = (await api('/api/advisor/advisors', adminToken)).body.advisors.find((advisor: Json) => advisor.email === 'bernd@ego-mv.example');
    expect((await api(`/api/advisor/advisors/${bernd.id}`, adminToken, { method: 'PATCH', body: { teamsAadObjectId: objectId } })).status).toBe(200);
    const me = await api('/api/advisor/me', token);
    expect(me.status).toBe(200);
    expect(me.body.advisor.email).toBe('bernd@ego-mv.example');
    // The object id alone is enough, even with another sign-in name.
    expect((await api('/api/advisor/me', await ssoToken({ oid: objectId, preferred_username: 'b.berater@ego-mv.example' }))).status).toBe(200);
    // v1 tokens name the application ID URI as audience.
    const v1 = await ssoToken({ oid: objectId }, { audience: `api://assistent.ego-mv.example/${clientId}`, issuer: `https://sts.windows.net/${tenantId}/` });
    expect((await api('/api/advisor/me', v1)).status).toBe(200);
    // Colleagues do not see object ids; admins do.
    expect((await api('/api/advisor/advisors', advisorToken)).body.advisors.every((advisor: Json) => !('teamsAadObjectId' in advisor))).toBe(true);
    expect((await api('/api/advisor/advisors', adminToken)).body.advisors.find((advisor: Json) => advisor.email === 'bernd@ego-mv.example').teamsAadObjectId).toBe(objectId);
  });

  it('refuses foreign, expired, misaddressed and unknown-user tokens', async () => {
    const claims = { oid: 'a1b2c3d4-0000-4000-8000-000000000002', preferred_username: 'adele@ego-mv.example' };
    const adele = (await api('/api/advisor/me', adminToken)).body.advisor;
    expect((await api(`/api/advisor/advisors/${adele.id}`, adminToken, { method: 'PATCH', body: { teamsAadObjectId: claims.oid } })).status).toBe(200);
    expect((await api('/api/advisor/me', await ssoToken(claims))).status).toBe(200);
    expect((await api('/api/advisor/me', await ssoToken(claims, { key: strangerKey }))).status).toBe(401);
    expect((await api('/api/advisor/me', await ssoToken(claims, { audience: 'api://andere-app' }))).status).toBe(401);
    expect((await api('/api/advisor/me', await ssoToken(claims, { issuer: 'https://login.microsoftonline.com/common/v2.0' }))).status).toBe(401);
    expect((await api('/api/advisor/me', await ssoToken({ ...claims, tid: '00000000-0000-4000-8000-000000000000' }))).status).toBe(401);
    expect((await api('/api/advisor/me', await ssoToken(claims, { expiresIn: '-2h' }))).status).toBe(401);
    expect((await api('/api/advisor/me', await ssoToken({ oid: 'a1b2c3d4-0000-4000-8000-000000000003', preferred_username: 'fremd@ego-mv.example' }))).status).toBe(401);
  });
});

describe('replies to our notices', () => {
  it('thread through the Message-ID of an advisor reply when the subject lost the number', async () => {
    const number = (await chat('Unser SDM-Zugang für die Regionale Schule ist gesperrt, bitte prüfen.', 'faden@amt.example')).ticket.number as string;
    const reply = await api(`/api/advisor/tickets/${number}/reply`, advisorToken, { method: 'POST', body: { text: 'Bitte nennen Sie uns die Dienststellennummer.' } });
    expect(reply.status).toBe(201);
    const raw = [
      'From: Tom Träger <faden@amt.example>',
      'To: schulit@ego-mv.example',
      'Subject: AW: Ihre Rückfrage',
      'Message-ID: <antwort-faden-1@amt.example>',
      `In-Reply-To: <reply-${reply.body.message.id}@schulit.invalid>`,
      'Date: Tue, 01 Dec 2026 11:00:00 +0100',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'Die Dienststellennummer ist 75123456.',
      '',
    ].join('\r\n');
    const ticketsBefore = await service.database.prisma.ticket.count();
    await service.ingestMail(Buffer.from(raw));
    expect(await service.database.prisma.ticket.count()).toBe(ticketsBefore);
    const detail = (await api(`/api/advisor/tickets/${number}`, advisorToken)).body.ticket;
    expect(detail.messages.map((message: Json) => message.text)).toContain('Die Dienststellennummer ist 75123456.');
  });
});
