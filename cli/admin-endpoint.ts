import { randomBytes, timingSafeEqual } from 'node:crypto';
import { chmod, rm, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import path from 'node:path';
import { z } from 'zod';
import type { Config } from '../config.ts';
import type { Logger } from '../logger.ts';
import type { CliHost } from './cli-io.ts';
import { adminSocketName, adminTokenName, isForwardable, maxSocketPathBytes, type AdminEndpointFile, type ForwardedResult } from './forward-to-service.ts';

export interface AdminEndpoint {
  close(): Promise<void>;
}

const requestSchema = z.object({ argv: z.array(z.string().max(4000)).min(1).max(40) });
const maxBodyBytes = 64 * 1024;

async function readBody(request: IncomingMessage): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBodyBytes) return undefined;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function hasToken(request: IncomingMessage, token: Buffer): boolean {
  const given = Buffer.from((request.headers.authorization ?? '').replace(/^Bearer\s+/i, ''));
  return given.length === token.length && timingSafeEqual(given, token);
}

/**
 * Lets `schulit advisor …`, `schulit ask` and the database-only `privacy` commands run while the
 * service owns the embedded database: a Unix socket in DATA_DIR (mode 0600; a loopback port when
 * DATA_DIR is too deep for a socket path) that accepts a random token written with its address to
 * DATA_DIR/admin-token (mode 0600) at start, runs the command in-process on the
 * service's database and knowledge base, and returns its output. Only for the embedded database;
 * with PostgreSQL the CLI connects itself.
 */
export async function startAdminEndpoint({ config, host, logger }: { config: Config; host: CliHost; logger: Logger }): Promise<AdminEndpoint | undefined> {
  if (config.DATABASE_URL) return undefined;
  const socketPath = path.join(config.DATA_DIR, adminSocketName);
  const tokenPath = path.join(config.DATA_DIR, adminTokenName);
  const token = Buffer.from(randomBytes(32).toString('base64url'));
  // Left by a process killed with -9; this process holds the data directory's lock, so it is stale.
  await rm(socketPath, { force: true });
  const server: Server = createServer(async (request, response) => {
    const reply = (status: number, result: ForwardedResult) => {
      response.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
      response.end(JSON.stringify(result));
    };
    if (request.method !== 'POST' || request.url !== '/cli') return reply(404, { exitCode: 2, out: [], error: ['Fehler: Unbekannter Aufruf.'] });
    if (!hasToken(request, token)) return reply(401, { exitCode: 2, out: [], error: ['Fehler: Das Verwaltungstoken des laufenden Dienstes fehlt oder ist falsch.'] });
    let body: unknown = null;
    try {
      body = JSON.parse((await readBody(request)) ?? 'null');
    } catch {
      // Answered as not runnable below.
    }
    const parsed = requestSchema.safeParse(body);
    if (!parsed.success || !isForwardable(parsed.data.argv)) {
      return reply(400, { exitCode: 2, out: [], error: ['Fehler: Dieser Befehl kann nicht im laufenden Dienst ausgeführt werden. Beenden Sie den Dienst oder verwenden Sie PostgreSQL (DATABASE_URL).'] });
    }
    const out: string[] = [];
    const error: string[] = [];
    const io = { out: (text: string) => out.push(text), error: (text: string) => error.push(text) };
    // Loaded on first use: the command groups are not needed for the service to start.
    const { buildCli, runProgram } = await import('./index.ts');
    const exitCode = await runProgram(buildCli(config, io, host), parsed.data.argv, config, io);
    // The command's name only: its arguments carry names and addresses.
    const [group, sub] = parsed.data.argv;
    logger.info({ command: group === 'ask' ? group : `${group} ${sub ?? ''}`.trim(), exitCode }, 'admin command run in the service');
    reply(200, { exitCode, out, error });
  });
  // Unix socket paths are limited to about 100 bytes; a deeper DATA_DIR gets a loopback port instead.
  const useSocket = Buffer.byteLength(socketPath) <= maxSocketPathBytes;
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      const listening = () => {
        server.off('error', reject);
        resolve();
      };
      if (useSocket) server.listen(socketPath, listening);
      else server.listen(0, '127.0.0.1', listening);
    });
    if (useSocket) await chmod(socketPath, 0o600);
    const address = server.address();
    const endpoint: AdminEndpointFile = useSocket ? { token: token.toString(), socketPath } : { token: token.toString(), port: typeof address === 'object' && address ? address.port : 0 };
    await rm(tokenPath, { force: true });
    await writeFile(tokenPath, `${JSON.stringify(endpoint)}\n`, { mode: 0o600 });
  } catch (error) {
    // For example a DATA_DIR path longer than a socket path may be: the service runs on without it.
    logger.warn({ err: error }, 'Verwaltungszugang für die Kommandozeile nicht verfügbar; „schulit advisor …“ erst nach dem Beenden des Dienstes / admin endpoint unavailable');
    server.close();
    return undefined;
  }
  return {
    async close() {
      await rm(tokenPath, { force: true });
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await rm(socketPath, { force: true });
    },
  };
}
