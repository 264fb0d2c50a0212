import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface StubRequest {
  path: string;
  body: { model?: string; messages?: { role: string; content: string }[]; input?: string[] | string };
}

/**
 * A local OpenAI-compatible server (chat completions and embeddings) on loopback, so the LLM path
 * is tested over real HTTP without the network. `respond` returns the assistant message content;
 * `delayMs` makes it slow to test time-outs.
 */
export async function startOpenAiStub({
  respond,
  embed = (text: string) => [text.length % 7, 1, 0],
  delayMs = 0,
}: {
  respond: (request: StubRequest) => string;
  embed?: (text: string) => number[];
  delayMs?: number;
}) {
  const requests: StubRequest[] = [];
  const server = http.createServer((request, response) => {
    let raw = '';
    request.on('data', (chunk: Buffer) => (raw += chunk.toString()));
    request.on('end', () => {
      const entry: StubRequest = { path: request.url ?? '', body: JSON.parse(raw || '{}') };
      requests.push(entry);
      const send = () => {
        if (response.destroyed) return;
        response.setHeader('content-type', 'application/json');
        if (entry.path.endsWith('/embeddings')) {
          const inputs = Array.isArray(entry.body.input) ? entry.body.input : [entry.body.input ?? ''];
          response.end(JSON.stringify({ object: 'list', data: inputs.map((text, index) => ({ object: 'embedding', index, embedding: embed(String(text)) })), model: entry.body.model, usage: { prompt_tokens: 1, total_tokens: 1 } }));
          return;
        }
        response.end(
          JSON.stringify({
            id: 'chatcmpl-stub',
            object: 'chat.completion',
            created: Math.floor(Date.now() / 1000),
            model: entry.body.model,
            choices: [{ index: 0, message: { role: 'assistant', content: respond(entry) }, finish_reason: 'stop' }],
            usage: { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 },
          }),
        );
      };
      if (delayMs > 0) setTimeout(send, delayMs).unref();
      else send();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}
