import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../prisma/client.ts';
import { addAdvisor } from '../../tickets/add-advisor.ts';
import { childEnvironment, runSchulit, temporaryDirectory } from '../helpers/processes.ts';
import { useRunningService } from '../helpers/running-service.ts';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- JSON of many shapes

describe('advisor credentials over HTTP', () => {
  const running = useRunningService({ ADVISOR_TOKEN_TTL_DAYS: '30', ADVISOR_AUTH_FAILURES_PER_MINUTE: '3' });

  // The service trusts X-Forwarded-For from loopback (a local reverse proxy), so tests can speak as other client addresses.
  async function api(path: string, token: string | undefined, { method = 'GET', body, from = '198.51.100.1' }: { method?: string; body?: unknown; from?: string } = {}) {
    const response = await fetch(`${running().baseUrl}${path}`, {
      method,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), 'content-type': 'application/json', 'x-forwarded-for': from },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : {}) as Json };
  }

  it('issues expiring tokens, lists them without the secret, and revokes one while the other keeps working', async () => {
    const created = await api('/api/advisor/advisors', running().adminToken, { method: 'POST', body: { name: 'Carla Kollegin', email: 'carla@ego-mv.example' } });
    expect(created.status).toBe(201);
    const days = (Date.parse(created.body.expiresAt) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(29.9);
    expect(days).toBeLessThanOrEqual(30);
    const carla = created.body.advisor.id as string;
    const firstToken = created.body.token as string;
    const second = await api(`/api/advisor/advisors/${carla}/tokens`, running().adminToken, { method: 'POST', body: { label: 'Teams-Laptop' } });
    expect(second.status).toBe(201);
    expect(second.body.tokenInfo.prefix).toBe((second.body.token as string).slice(0, 10));

    const listed = await api(`/api/advisor/advisors/${carla}/tokens`, running().adminToken);
    expect(listed.body.tokens).toHaveLength(2);
    expect(JSON.stringify(listed.body)).not.toContain(firstToken.slice(10));
    expect(listed.body.tokens.map((token: Json) => token.label)).toContain('Teams-Laptop');

    // Carla sees and revokes her own tokens, not the admin's.
    expect((await api(`/api/advisor/advisors/${carla}/tokens`, firstToken)).status).toBe(200);
    const adele = (await api('/api/advisor/me', running().adminToken)).body.advisor.id as string;
    expect((await api(`/api/advisor/advisors/${adele}/tokens`, firstToken)).status).toBe(403);
    expect((await api(`/api/advisor/advisors/${carla}/tokens/${second.body.tokenInfo.id}`, firstToken, { method: 'DELETE' })).status).toBe(204);
    const revoked = await api('/api/advisor/me', second.body.token);
    expect(revoked.status).toBe(401);
    expect(revoked.body.error.message).toContain('ungültig, abgelaufen oder widerrufen');
    expect((await api('/api/advisor/me', firstToken)).status).toBe(200);

    // An expired token no longer signs in.
    await running().service.database.prisma.advisorToken.updateMany({ where: { advisorId: carla }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await api('/api/advisor/me', firstToken, { from: '198.51.100.2' })).status).toBe(401);
  });

  it('limits failed sign-ins per address and per token prefix without locking out a valid token', async () => {
    const dora = await addAdvisor({ prisma: running().service.database.prisma, name: 'Dora Berater', email: 'dora@ego-mv.example' });
    const nat = '203.0.113.7';
    const answers = [];
    for (let attempt = 0; attempt < 4; attempt += 1) answers.push((await api('/api/advisor/me', `sit_falsch${attempt}xxxxxxxxxxxxxxxxxxxxxxxxxxx`, { from: nat })).status);
    expect(answers).toEqual([401, 401, 401, 429]);
    // A colleague behind the same address signs in.
    expect((await api('/api/advisor/me', dora.token, { from: nat })).status).toBe(200);
    // Guesses at Dora's prefix from rotating addresses meet the per-prefix limit; Dora does not.
    const guesses = [];
    for (let attempt = 0; attempt < 4; attempt += 1) guesses.push((await api('/api/advisor/me', `${dora.token.slice(0, 10)}${'x'.repeat(31)}${attempt}`, { from: `192.0.2.${attempt + 10}` })).status);
    expect(guesses).toEqual([401, 401, 401, 429]);
    expect((await api('/api/advisor/me', dora.token, { from: '192.0.2.99' })).status).toBe(200);
  });
});

describe('schulit advisor commands', () => {
  it('refuses to add an existing address, issues, lists and revokes tokens', async () => {
    const environment = childEnvironment({ DATA_DIR: await temporaryDirectory(), ADVISOR_TOKEN_TTL_DAYS: '14', SEED_SAMPLE_DATA: 'false' });
    const added = await runSchulit(['advisor', 'add', '--name', 'Adele Admin', '--email', 'adele@ego-mv.example', '--role', 'admin'], environment);
    expect(added.code, added.stderr).toBe(0);
    const again = await runSchulit(['advisor', 'add', '--name', 'Adele', '--email', 'Adele@ego-mv.example'], environment);
    expect(again.code).not.toBe(0);
    expect(again.stderr).toContain('Unter adele@ego-mv.example gibt es bereits ein Konto');

    const issued = await runSchulit(['advisor', 'token', '--email', 'adele@ego-mv.example', '--label', 'Laptop'], environment);
    expect(issued.code, issued.stderr).toBe(0);
    const token = issued.stdout.trim().split(/\s+/).at(-1)!;
    expect(token).toMatch(/^sit_[\w-]{32}$/);
    const listed = await runSchulit(['advisor', 'tokens', '--email', 'adele@ego-mv.example'], environment);
    expect(listed.stdout.trim().split('\n')).toHaveLength(2);
    expect(listed.stdout).toContain(`${token.slice(0, 10)}…  Laptop`);
    expect(listed.stdout).not.toContain(token.slice(10));
    const tokenId = listed.stdout.split('\n').find((line) => line.includes('Laptop'))!.split(/\s+/)[0]!;
    const revoked = await runSchulit(['advisor', 'revoke-token', '--email', 'adele@ego-mv.example', '--id', tokenId], environment);
    expect(revoked.code, revoked.stderr).toBe(0);

    const database = await openDatabase({ dataDir: environment.DATA_DIR! });
    try {
      const adele = await database.prisma.advisor.findUniqueOrThrow({ where: { email: 'adele@ego-mv.example' }, include: { tokens: true } });
      expect(adele.role).toBe('admin');
      expect(adele.tokens.filter((stored) => stored.revokedAt === null)).toHaveLength(1);
      const days = (adele.tokens[0]!.expiresAt!.getTime() - Date.now()) / 86_400_000;
      expect(days).toBeGreaterThan(13.9);
      expect(days).toBeLessThanOrEqual(14);
    } finally {
      await database.close();
    }
  }, 120_000);
});
