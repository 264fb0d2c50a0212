import { afterAll, beforeAll } from 'vitest';
import { loadConfig } from '../../config.ts';
import { createLogger } from '../../logger.ts';
import { startService, type RunningService } from '../../service/start-service.ts';
import { addAdvisor } from '../../tickets/add-advisor.ts';
import { temporaryDirectory } from './processes.ts';

export interface ServiceUnderTest {
  service: RunningService;
  baseUrl: string;
  /** Bearer token of an admin account (Adele Admin). */
  adminToken: string;
}

/**
 * The whole service on the embedded database for one suite, on a free loopback port with silent
 * logs and an admin account; `overrides` are settings as in the environment.
 */
export function useRunningService(overrides: Record<string, string> = {}): () => ServiceUnderTest {
  let running: ServiceUnderTest | undefined;
  beforeAll(async () => {
    const service = await startService({
      config: loadConfig({ DATA_DIR: await temporaryDirectory(), PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', ...overrides }),
      logger: createLogger({ level: 'silent' }),
    });
    const adminToken = (await addAdvisor({ prisma: service.database.prisma, name: 'Adele Admin', email: 'adele@ego-mv.example', role: 'admin' })).token;
    running = { service, baseUrl: `http://127.0.0.1:${service.port}`, adminToken };
  }, 60_000);
  afterAll(async () => {
    await running?.service.close();
  });
  return () => {
    if (!running) throw new Error('The service is not running (used outside a test?)');
    return running;
  };
}
