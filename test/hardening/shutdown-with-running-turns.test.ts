import type { ChildProcess } from 'node:child_process';
import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import type { Engine } from '../../handlers/create-engine.ts';
import { trackRunningTurns } from '../../service/track-running-turns.ts';
import { childEnvironment, freePort, startServiceProcess, temporaryDirectory, waitForExit, waitForOk } from '../helpers/processes.ts';
import { stopChild } from './child-processes.ts';

const children: ChildProcess[] = [];
afterEach(async () => {
  for (const child of children.splice(0)) await stopChild(child, 'SIGKILL');
});

/** Sends a chat message and hangs up as soon as it is written, as an impatient client or a proxy timeout does. */
function postAndHangUp(port: number, text: string): Promise<void> {
  return new Promise((resolve) => {
    const body = JSON.stringify({ text });
    const call = request({ host: '127.0.0.1', port, path: '/api/chat', method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } });
    call.on('error', () => resolve());
    call.end(body, () => {
      call.destroy();
      resolve();
    });
  });
}

describe('stopping while turns run', () => {
  it('keeps the database open until the turns of clients that hung up have ended, then exits 0', async () => {
    const port = await freePort();
    const service = startServiceProcess(childEnvironment({ DATA_DIR: await temporaryDirectory(), PORT: String(port), HOST: '127.0.0.1', CHAT_RATE_LIMIT_PER_MINUTE: '0', LOG_LEVEL: 'warn' }));
    children.push(service.child);
    await waitForOk(`http://127.0.0.1:${port}/readyz`, 60_000);
    await Promise.all(Array.from({ length: 30 }, (_, index) => postAndHangUp(port, index % 2 ? 'Wer stellt den Antrag beim LFI?' : 'Bitte verschieben Sie die Grundschule Crivitz im Roll-Out-Plan auf 2026.')));
    service.child.kill('SIGTERM');
    expect(await waitForExit(service.child)).toBe(0);
    expect(service.output()).not.toMatch(/PGlite is closed|"level":50/);
  }, 90_000);

  it('waits for running calls and for calls that start while it waits, and gives up after the timeout', async () => {
    const finishers: (() => void)[] = [];
    const engine = {
      handleMessage: () => new Promise<void>((resolve) => finishers.push(resolve)).then(() => ({ intent: 'question', replies: [] })),
      chatSessions: { open: async () => ({ conversationId: 'c', verifiedEmail: null, isNew: true }) },
    } as unknown as Engine;
    const tracked = trackRunningTurns(engine);
    const message = { channel: 'api', sender: {}, conversationKey: 'c', text: 'x' } as const;
    const first = tracked.engine.handleMessage(message);
    let isDrained = false;
    const drained = tracked.drain(5_000).then(() => (isDrained = true));
    // A request accepted before the stop, leaving the chat's queue now.
    const second = tracked.engine.handleMessage(message);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(isDrained).toBe(false);
    finishers[0]!();
    await first;
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(isDrained).toBe(false);
    finishers[1]!();
    await second;
    await drained;
    expect(isDrained).toBe(true);

    const stuck = trackRunningTurns({ ...engine, handleMessage: () => new Promise(() => undefined) } as unknown as Engine);
    void stuck.engine.handleMessage({ channel: 'api', sender: {}, conversationKey: 'c', text: 'x' });
    const started = performance.now();
    await stuck.drain(100);
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});
