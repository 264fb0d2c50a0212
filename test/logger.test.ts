import { PassThrough } from 'node:stream';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../logger.ts';
import { createMetrics } from '../metrics.ts';
import { createApp } from '../server.ts';

function capture() {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (chunk: Buffer) => (text += chunk.toString()));
  return { stream, text: () => text };
}

describe('logger', () => {
  it('redacts passwords, tokens and keys wherever they appear', () => {
    const output = capture();
    const logger = createLogger({ level: 'info', destination: output.stream });
    logger.info({ imap: { password: 'pw-123' }, token: 'sit_abc', config: { AI_API_KEY: 'sk-xyz' } }, 'connecting');
    expect(output.text()).toContain('connecting');
    expect(output.text()).not.toMatch(/pw-123|sit_abc|sk-xyz/);
    expect(output.text()).toContain('[verborgen]');
  });

  it('strips e-mail addresses from every line, in messages, fields and errors', () => {
    const output = capture();
    const logger = createLogger({ level: 'info', destination: output.stream });
    logger.error({ err: new Error('550 5.1.1 <p.lindenhahn@amt-kraakow.example>: Recipient address rejected'), outbox: { lastError: 'to jörg.müller@schulamt-güstrow.example failed' } }, 'delivery to k.wendt@amt-penzlin.example failed');
    logger.warn('plain message for a.b@c.example');
    const text = output.text();
    expect(text).not.toMatch(/lindenhahn|müller|wendt|a\.b@c/);
    // The error message and its stack, the field, both messages.
    expect(text.match(/\[E-Mail\]/g)).toHaveLength(5);
    expect(text).toContain('Recipient address rejected');
    expect(text).toContain('"stack"');
  });

  it('never writes the Authorization header of a request', async () => {
    const output = capture();
    const app = createApp({ logger: createLogger({ level: 'info', destination: output.stream }), metrics: createMetrics() });
    await request(app).get('/readyz').set('authorization', 'Bearer sit_secret-token');
    expect(output.text()).toContain('/readyz');
    expect(output.text()).not.toContain('sit_secret-token');
  });
});
