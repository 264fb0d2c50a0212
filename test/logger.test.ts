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

  it('never writes the Authorization header of a request', async () => {
    const output = capture();
    const app = createApp({ logger: createLogger({ level: 'info', destination: output.stream }), metrics: createMetrics() });
    await request(app).get('/readyz').set('authorization', 'Bearer sit_secret-token');
    expect(output.text()).toContain('/readyz');
    expect(output.text()).not.toContain('sit_secret-token');
  });
});
