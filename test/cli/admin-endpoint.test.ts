import { mkdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startAdminEndpoint, type AdminEndpoint } from '../../cli/admin-endpoint.ts';
import { runCli } from '../../cli/index.ts';
import { loadConfig } from '../../config.ts';
import { createLogger } from '../../logger.ts';
import { startService, type RunningService } from '../../service/start-service.ts';
import { temporaryDirectory } from '../helpers/processes.ts';

describe('admin commands while the service owns the embedded database', () => {
  let service: RunningService | undefined;
  let endpoint: AdminEndpoint | undefined;
  afterAll(async () => {
    await endpoint?.close();
    await service?.close();
  });

  it('reaches the service over a loopback port when DATA_DIR is too deep for a socket path', async () => {
    const dataDir = path.join(await temporaryDirectory(), 'ein-sehr-tief-liegendes-datenverzeichnis', 'des-schul-it-assistenten', 'auf-diesem-server');
    await mkdir(dataDir, { recursive: true });
    expect(Buffer.byteLength(path.join(dataDir, 'admin.sock'))).toBeGreaterThan(100);
    const environment = { DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', SEED_SAMPLE_DATA: 'false' };
    const config = loadConfig(environment);
    service = await startService({ config, logger: createLogger({ level: 'silent' }) });
    endpoint = await startAdminEndpoint({ config, host: service, logger: createLogger({ level: 'silent' }) });
    expect(endpoint).toBeDefined();
    const written = JSON.parse(await readFile(path.join(dataDir, 'admin-token'), 'utf8')) as { token: string; port?: number; socketPath?: string };
    expect(written.port).toBeGreaterThan(0);
    expect(written.socketPath).toBeUndefined();

    const out: string[] = [];
    const error: string[] = [];
    const code = await runCli(['advisor', 'add', '--name', 'Tiefe Beraterin', '--email', 'tief@ego-mv.example'], { out: (text) => out.push(text), error: (text) => error.push(text) }, environment);
    expect(code, error.join('\n')).toBe(0);
    expect(out[0]).toBe('Berater Tiefe Beraterin <tief@ego-mv.example> (advisor) angelegt.');
    expect(await service.database.prisma.advisor.count({ where: { email: 'tief@ego-mv.example' } })).toBe(1);

    await endpoint?.close();
    endpoint = undefined;
    await expect(stat(path.join(dataDir, 'admin-token'))).rejects.toMatchObject({ code: 'ENOENT' });
    // Without the endpoint the CLI says the database is in use, as before.
    const refused = await runCli(['advisor', 'tokens', '--email', 'tief@ego-mv.example'], { out: () => undefined, error: (text) => error.push(text) }, environment);
    expect(refused).toBe(3);
    expect(error.join('\n')).toContain('wird bereits von Prozess');
  }, 60_000);
});
