import { expect, it } from 'vitest';
import { DeliveryWaiting, deliverOutbox, enqueueOutbox, listFailedOutboxMessages, releaseWaitingOutbox } from '../../tickets/outbox.ts';
import { startOutboxWorker } from '../../tickets/start-outbox-worker.ts';
import { describeOnEachDatabase } from '../helpers/database.ts';
import { uniqueSuffix } from '../helpers/factories.ts';

describeOnEachDatabase('outbox', (database) => {

  async function enqueue(kindName: string) {
    const idempotencyKey = `test:${uniqueSuffix()}`;
    await database().prisma.$transaction((transaction) => enqueueOutbox(transaction, { kind: kindName, target: {}, payload: { hello: 'welt' }, idempotencyKey }));
    return idempotencyKey;
  }

  it('ignores a second enqueue with the same idempotency key', async () => {
    const key = await enqueue(`dup-${uniqueSuffix()}`);
    await database().prisma.$transaction((transaction) => enqueueOutbox(transaction, { kind: 'x', target: {}, payload: {}, idempotencyKey: key }));
    expect(await database().prisma.outboxMessage.count({ where: { idempotencyKey: key } })).toBe(1);
  });

  it('retries with backoff and parks a message as failed after the last attempt', async () => {
    const kindName = `flaky-${uniqueSuffix()}`;
    const key = await enqueue(kindName);
    let clock = new Date('2030-01-01T10:00:00Z');
    const attempts: Date[] = [];
    const deliverers = { [kindName]: async () => { attempts.push(clock); throw new Error('connector down'); } };
    const options = { prisma: database().prisma, deliverers, maxAttempts: 3, baseDelayMs: 1000, now: () => clock };
    expect(await deliverOutbox(options)).toEqual({ delivered: 0, retried: 1, parked: 0, waiting: 0 });
    expect(await deliverOutbox(options)).toEqual({ delivered: 0, retried: 0, parked: 0, waiting: 0 });
    clock = new Date(clock.getTime() + 1000);
    expect((await deliverOutbox(options)).retried).toBe(1);
    clock = new Date(clock.getTime() + 2000);
    expect((await deliverOutbox(options)).parked).toBe(1);
    const message = await database().prisma.outboxMessage.findUniqueOrThrow({ where: { idempotencyKey: key } });
    expect(message).toMatchObject({ status: 'failed', attempts: 3, lastError: 'connector down' });
    expect((await listFailedOutboxMessages({ prisma: database().prisma })).map((failed) => failed.idempotencyKey)).toContain(key);
  });

  it('sets a message aside without using attempts while it cannot go anywhere, and takes it up once released', async () => {
    const kindName = `routeless-${uniqueSuffix()}`;
    const key = await enqueue(kindName);
    let hasRoute = false;
    const deliverers = {
      [kindName]: async () => {
        if (!hasRoute) throw new DeliveryWaiting('kein Weg');
      },
    };
    const options = { prisma: database().prisma, deliverers, maxAttempts: 1 };
    expect(await deliverOutbox(options)).toEqual({ delivered: 0, retried: 0, parked: 0, waiting: 1 });
    expect(await deliverOutbox(options)).toEqual({ delivered: 0, retried: 0, parked: 0, waiting: 0 });
    expect(await database().prisma.outboxMessage.findUniqueOrThrow({ where: { idempotencyKey: key } })).toMatchObject({ status: 'waiting', attempts: 0, lastError: 'kein Weg' });
    hasRoute = true;
    expect(await releaseWaitingOutbox({ prisma: database().prisma, kinds: [kindName] })).toBe(1);
    expect(await deliverOutbox(options)).toEqual({ delivered: 1, retried: 0, parked: 0, waiting: 0 });
  });

  it('delivers each message once even with two workers at the same time', async () => {
    const kindName = `parallel-${uniqueSuffix()}`;
    const keys = await Promise.all(Array.from({ length: 12 }, () => enqueue(kindName)));
    const delivered: string[] = [];
    const deliverers = { [kindName]: async (message: { idempotencyKey: string }) => { await new Promise((resolve) => setTimeout(resolve, 5)); delivered.push(message.idempotencyKey); } };
    const [left, right] = await Promise.all([deliverOutbox({ prisma: database().prisma, deliverers, batchSize: 8 }), deliverOutbox({ prisma: database().prisma, deliverers, batchSize: 8 })]);
    await deliverOutbox({ prisma: database().prisma, deliverers, batchSize: 8 });
    expect(delivered.sort()).toEqual([...keys].sort());
    expect(left.delivered + right.delivered).toBeGreaterThanOrEqual(8);
  });

  it('takes up a message whose worker died while delivering', async () => {
    const kindName = `crash-${uniqueSuffix()}`;
    const key = await enqueue(kindName);
    const crashedAt = new Date('2030-02-01T10:00:00Z');
    // A worker claimed the row and was killed before it could record the outcome.
    await database().prisma.outboxMessage.update({ where: { idempotencyKey: key }, data: { status: 'delivering', attempts: 1, updatedAt: crashedAt } });
    const delivered: string[] = [];
    const deliverers = { [kindName]: async (message: { idempotencyKey: string }) => { delivered.push(message.idempotencyKey); } };
    expect((await deliverOutbox({ prisma: database().prisma, deliverers, now: () => new Date(crashedAt.getTime() + 60_000) })).delivered).toBe(0);
    expect((await deliverOutbox({ prisma: database().prisma, deliverers, now: () => new Date(crashedAt.getTime() + 6 * 60_000) })).delivered).toBe(1);
    expect(delivered).toEqual([key]);
    expect(await database().prisma.outboxMessage.findUniqueOrThrow({ where: { idempotencyKey: key } })).toMatchObject({ status: 'delivered', attempts: 2 });
  });

  it('works through a backlog in one pass while batches come back full, not one batch per interval', async () => {
    const kindName = `burst-${uniqueSuffix()}`;
    const keys = await Promise.all(Array.from({ length: 23 }, () => enqueue(kindName)));
    const delivered: string[] = [];
    const worker = startOutboxWorker({ prisma: database().prisma, deliverers: { [kindName]: async (message) => void delivered.push(message.idempotencyKey) }, intervalMs: 3_600_000, batchSize: 5 });
    try {
      expect(await worker.runOnce()).toEqual({ delivered: 3, retried: 0, parked: 0, waiting: 0 });
      expect(delivered.sort()).toEqual([...keys].sort());
    } finally {
      await worker.stop();
    }
  });
});
