import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ConnectorCall {
  method: string;
  path: string;
  body: Record<string, unknown>;
  authorization?: string;
}

/**
 * A local stand-in for the Bot Connector service: records what the bot sends (replies, proactive
 * messages, new channel threads, card updates) and answers like the real one.
 */
export async function startFakeConnector() {
  const calls: ConnectorCall[] = [];
  let counter = 0;
  const server = http.createServer((request, response) => {
    let raw = '';
    request.on('data', (chunk: Buffer) => (raw += chunk.toString()));
    request.on('end', () => {
      const path = decodeURIComponent(request.url ?? '');
      calls.push({ method: request.method ?? '', path, body: raw ? JSON.parse(raw) : {}, authorization: request.headers.authorization });
      counter += 1;
      response.setHeader('content-type', 'application/json');
      if (request.method === 'POST' && /\/v3\/conversations\/?$/.test(path)) {
        response.end(JSON.stringify({ id: `19:advisors@thread.tacv2;messageid=${counter}`, activityId: `thread-${counter}` }));
        return;
      }
      response.end(JSON.stringify({ id: `activity-${counter}` }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    serviceUrl: `http://127.0.0.1:${port}/`,
    calls,
    /** Messages (not typing indicators) the bot posted. */
    messages: () => calls.filter((call) => call.method === 'POST' && call.body.type === 'message'),
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

/** Text of all TextBlocks in the Adaptive Cards of an activity. */
export function cardTexts(activity: Record<string, unknown>): string {
  const attachments = (activity.attachments as { content?: { body?: { text?: string; facts?: { value: string }[] }[] } }[] | undefined) ?? [];
  return attachments
    .flatMap((attachment) => attachment.content?.body ?? [])
    .map((block) => block.text ?? (block.facts ?? []).map((fact) => fact.value).join(' '))
    .join('\n');
}
