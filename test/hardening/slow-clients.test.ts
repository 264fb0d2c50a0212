import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.ts';
import { createLogger } from '../../logger.ts';
import { startService, type RunningService } from '../../service/start-service.ts';
import { temporaryDirectory } from '../helpers/processes.ts';

let service: RunningService;
beforeAll(async () => {
  service = await startService({ config: loadConfig({ DATA_DIR: await temporaryDirectory(), PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', HTTP_HEADERS_TIMEOUT_MS: '1500', HTTP_REQUEST_TIMEOUT_MS: '3000' }), logger: createLogger({ level: 'silent' }) });
}, 60_000);
afterAll(async () => {
  await service?.close();
});

/** Opens a connection, trickles `lines` one per 300 ms, and resolves when the server closes it (ms after opening). */
function trickle(lines: string[]): Promise<number> {
  return new Promise((resolve) => {
    const started = performance.now();
    const socket = net.connect(service.port, '127.0.0.1');
    let index = 0;
    const timer = setInterval(() => {
      if (!socket.destroyed && !socket.writableEnded) socket.write(lines[index++ % lines.length]!);
    }, 300);
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearInterval(timer);
      resolve(performance.now() - started);
    });
    setTimeout(() => socket.destroy(), 20_000);
  });
}

describe('slow HTTP clients', () => {
  it('drops a client that trickles its headers, and one that trickles its body', { timeout: 60_000 }, async () => {
    const headers = await trickle(['GET /healthz HTTP/1.1\r\n', 'X-Slow: a\r\n']);
    expect(headers).toBeLessThan(15_000);
    const body = await trickle(['POST /api/chat HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n', '{']);
    expect(body).toBeLessThan(15_000);
    expect((await fetch(`http://127.0.0.1:${service.port}/healthz`)).status).toBe(200);
  });
});
