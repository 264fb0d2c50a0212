import { request } from 'node:http';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { CliIo } from './cli-io.ts';

/**
 * The embedded database allows one process. While the service runs it owns the data directory, so
 * admin commands go to the service instead: it listens on a Unix socket in DATA_DIR (or a loopback
 * port) and accepts a token it writes, with that address, to DATA_DIR (readable by its user only).
 */
export const adminSocketName = 'admin.sock';
export const adminTokenName = 'admin-token';
/** Longer socket paths do not fit the kernel's limit (108 bytes with the terminator on Linux). */
export const maxSocketPathBytes = 100;

/** What the service writes to DATA_DIR/admin-token: its token and where it listens. */
export interface AdminEndpointFile {
  token: string;
  socketPath?: string;
  port?: number;
}

/** Commands that may run inside the service: they touch only the database (no files of the caller). */
export function isForwardable(argv: string[]): boolean {
  const [group, sub] = argv;
  if (group === 'advisor' || group === 'ask') return true;
  return group === 'privacy' && ['search', 'erase', 'hold', 'retention'].includes(sub ?? '');
}

export interface ForwardedResult {
  exitCode: number;
  out: string[];
  error: string[];
}

/** Sends argv to the running service; undefined when no service listens (no token file or socket). */
export async function forwardToService(dataDir: string, argv: string[], io: CliIo): Promise<number | undefined> {
  let endpoint: AdminEndpointFile;
  try {
    endpoint = JSON.parse(await readFile(path.join(dataDir, adminTokenName), 'utf8')) as AdminEndpointFile;
  } catch {
    return undefined;
  }
  const { token } = endpoint;
  if (!token || (!endpoint.socketPath && !endpoint.port)) return undefined;
  const target = endpoint.socketPath ? { socketPath: endpoint.socketPath } : { host: '127.0.0.1', port: endpoint.port };
  const body = JSON.stringify({ argv });
  const result = await new Promise<ForwardedResult | undefined>((resolve, reject) => {
    const call = request(
      { ...target, path: '/cli', method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          try {
            resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')) as ForwardedResult);
          } catch (error) {
            reject(error);
          }
        });
        response.on('error', reject);
      },
    );
    call.on('error', (error: NodeJS.ErrnoException) => (error.code === 'ENOENT' || error.code === 'ECONNREFUSED' ? resolve(undefined) : reject(error)));
    call.end(body);
  });
  if (!result) return undefined;
  for (const line of result.out) io.out(line);
  for (const line of result.error) io.error(line);
  return result.exitCode;
}
