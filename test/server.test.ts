import { Router } from 'express';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.ts';
import { createLogger } from '../logger.ts';
import { createMetrics } from '../metrics.ts';
import { createApp, withoutSecretParameters } from '../server.ts';

function buildApp(readinessChecks = {}, extra: Partial<Parameters<typeof createApp>[0]> = {}) {
  const router = Router();
  router.get('/fails', () => {
    throw new AppError('forbidden', 'advisor lacks role');
  });
  router.get('/crashes', () => {
    throw new Error('database password is hunter2');
  });
  router.post('/echo', (requestBody, response) => {
    response.json(requestBody.body);
  });
  return createApp({
    logger: createLogger({ level: 'silent' }),
    metrics: createMetrics(),
    readinessChecks,
    routes: [{ path: '/test', router }],
    jsonLimit: '1kb',
    ...extra,
  });
}

describe('HTTP basics', () => {
  it('answers /healthz', async () => {
    const response = await request(buildApp()).get('/healthz');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ status: 'ok' });
  });

  it('/readyz reports each check and 503 when one fails', async () => {
    const ready = await request(buildApp({ database: async () => true })).get('/readyz');
    expect(ready.status).toBe(200);
    expect(ready.body).toEqual({ ready: true, checks: { database: true } });
    const notReady = await request(
      buildApp({ database: async () => true, knowledge: async () => Promise.reject(new Error('down')) }),
    ).get('/readyz');
    expect(notReady.status).toBe(503);
    expect(notReady.body).toEqual({ ready: false, checks: { database: true, knowledge: false } });
  });

  it('exposes Prometheus metrics including request durations', async () => {
    const app = buildApp();
    await request(app).get('/healthz');
    const response = await request(app).get('/metrics');
    expect(response.status).toBe(200);
    expect(response.text).toContain('schulit_http_request_duration_seconds_bucket');
    expect(response.text).toContain('schulit_process_cpu_user_seconds_total');
  });

  it('protects /metrics with a bearer token when one is configured', async () => {
    const app = buildApp({}, { metricsToken: 'messwerte-geheim' });
    expect((await request(app).get('/metrics')).status).toBe(401);
    expect((await request(app).get('/metrics').set('authorization', 'Bearer falsch')).body.error.code).toBe('unauthorized');
    expect((await request(app).get('/metrics').set('authorization', 'Bearer messwerte-geheim')).status).toBe(200);
  });

  it('gives every response a request id and keeps a sane incoming one', async () => {
    const generated = await request(buildApp()).get('/healthz');
    expect(generated.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const kept = await request(buildApp()).get('/healthz').set('x-request-id', 'abc-123');
    expect(kept.headers['x-request-id']).toBe('abc-123');
    const replaced = await request(buildApp()).get('/healthz').set('x-request-id', 'bad id with spaces');
    expect(replaced.headers['x-request-id']).not.toContain('bad');
  });

  it('maps AppError codes to status and a German message', async () => {
    const response = await request(buildApp()).get('/test/fails');
    expect(response.status).toBe(403);
    expect(response.body).toEqual({ error: { code: 'forbidden', message: 'Dafür fehlt Ihnen die Berechtigung.' } });
  });

  it('hides internal error details from the client', async () => {
    const response = await request(buildApp()).get('/test/crashes');
    expect(response.status).toBe(500);
    expect(response.body.error.code).toBe('internal');
    expect(JSON.stringify(response.body)).not.toContain('hunter2');
  });

  it('answers unknown routes, malformed JSON and oversized bodies with structured errors', async () => {
    const unknown = await request(buildApp()).get('/nope');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toEqual({ code: 'not_found', message: 'Diese Adresse gibt es nicht.' });
    const malformed = await request(buildApp()).post('/test/echo').set('content-type', 'application/json').send('{"text": ');
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.code).toBe('invalid_input');
    const oversized = await request(buildApp()).post('/test/echo').send({ text: 'x'.repeat(5000) });
    expect(oversized.status).toBe(413);
    expect(oversized.body.error.code).toBe('payload_too_large');
  });
});

const expectedPolicy =
  "default-src 'self';script-src 'self';style-src 'self' 'unsafe-inline';img-src 'self' data:;font-src 'self' data:;connect-src 'self' https://res.cdn.office.net;object-src 'none';base-uri 'self';form-action 'self';frame-ancestors 'self' https://teams.microsoft.com https://*.teams.microsoft.com https://*.teams.cloud.microsoft https://*.office.com https://outlook.office.com https://*.cloud.microsoft";

describe('security headers and CORS', () => {
  it('sends the security headers on every response, errors included, and lets Teams frame the app', async () => {
    for (const response of [await request(buildApp()).get('/healthz'), await request(buildApp()).get('/nope'), await request(buildApp()).get('/test/crashes')]) {
      expect(response.headers['content-security-policy']).toBe(expectedPolicy);
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['strict-transport-security']).toContain('max-age=');
      expect(response.headers['referrer-policy']).toBe('no-referrer');
      expect(response.headers['cross-origin-opener-policy']).toBe('same-origin-allow-popups');
      // frame-ancestors governs framing; X-Frame-Options would block the Teams tab.
      expect(response.headers['x-frame-options']).toBeUndefined();
      expect(response.headers['x-powered-by']).toBeUndefined();
    }
  });

  it('is closed to other origins by default: no Access-Control-Allow-* headers, preflight not answered', async () => {
    const simple = await request(buildApp()).post('/test/echo').set('origin', 'https://evil.example').send({ a: 1 });
    expect(Object.keys(simple.headers).filter((name) => name.startsWith('access-control-'))).toEqual([]);
    const preflight = await request(buildApp()).options('/test/echo').set('origin', 'https://evil.example').set('access-control-request-method', 'POST');
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
    expect(preflight.status).not.toBe(204);
  });

  it('opens CORS only for the configured origins', async () => {
    const app = buildApp({}, { corsOrigins: ['https://portal.ego-mv.example'] });
    const allowed = await request(app).options('/test/echo').set('origin', 'https://portal.ego-mv.example').set('access-control-request-method', 'POST');
    expect(allowed.status).toBe(204);
    expect(allowed.headers['access-control-allow-origin']).toBe('https://portal.ego-mv.example');
    expect(allowed.headers['access-control-allow-headers']).toContain('Authorization');
    expect(allowed.headers.vary).toContain('Origin');
    const other = await request(app).post('/test/echo').set('origin', 'https://evil.example').send({ a: 1 });
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('answers an oversized body with 413 and the structured German error, and the app keeps serving', async () => {
    const app = buildApp();
    const oversized = await request(app).post('/test/echo').set('content-type', 'application/json').send(JSON.stringify({ text: 'x'.repeat(2000) }));
    expect(oversized.status).toBe(413);
    expect(oversized.body).toEqual({ error: { code: 'payload_too_large', message: 'Die Nachricht ist zu groß.' } });
    expect((await request(app).post('/test/echo').send({ text: 'klein' })).body).toEqual({ text: 'klein' });
  });
});


describe('request log', () => {
  it('hides credential-like query parameters in logged URLs', () => {
    expect(withoutSecretParameters('/api/advisor/tickets?token=sit_abc&status=neu')).toBe('/api/advisor/tickets?token=[verborgen]&status=neu');
    expect(withoutSecretParameters('/x?access_token=a&api_key=b&code=c&q=Passwort')).toBe('/x?access_token=[verborgen]&api_key=[verborgen]&code=[verborgen]&q=Passwort');
    expect(withoutSecretParameters('/healthz')).toBe('/healthz');
  });
});
