import { Router } from 'express';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.ts';
import { createLogger } from '../logger.ts';
import { createMetrics } from '../metrics.ts';
import { createApp } from '../server.ts';

function buildApp(readinessChecks = {}) {
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
