import autocannon, { type AutocannonResult } from 'autocannon';
import type { EvalQuestion } from '../knowledge/evaluate-knowledge.ts';
import { roundTo } from './statistics.ts';

export interface LoadFigures {
  path: string;
  connections: number;
  seconds: number;
  requests: number;
  perSecond: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  maxMs: number;
  /** Connection errors and timeouts. */
  errors: number;
  /** Non-2xx answers other than 429. */
  non2xx: number;
  rateLimited: number;
}

/** Requests that open a case: the engine triages them and creates a ticket. */
const ticketRequests = [
  'Bitte die Regionale Schule Ueckermünde im Roll-Out-Plan auf 2026 verschieben, der Neubau wird nicht rechtzeitig fertig.',
  'Wir möchten das Förderjahr für die Förderschule Bützow im Roll-Out-Plan ändern lassen, bitte von 2027 auf 2025.',
  'Unser Zugang zum SchulDiensteManagementsystem funktioniert seit gestern nicht mehr, bitte um Hilfe.',
  'Bitte schicken Sie uns ein Angebot für die Erstellung eines Medienentwicklungsplans für unsere drei Grundschulen.',
  'Der Mittelabruf beim LFI hängt seit sechs Wochen, können Sie bitte nachfragen? Schulträger Amt Crivitz.',
  'Wir brauchen Unterstützung beim technischen Konzept für das WLAN im Gymnasium Carolinum, bitte melden Sie sich.',
];

function figures(path: string, connections: number, result: AutocannonResult): LoadFigures {
  const rateLimited = result.statusCodeStats['429']?.count ?? 0;
  return {
    path,
    connections,
    seconds: result.duration,
    requests: result.requests.total,
    perSecond: roundTo(result.requests.total / Math.max(1, result.duration)),
    p50Ms: result.latency.p50,
    p90Ms: result.latency.p90,
    p99Ms: result.latency.p99,
    maxMs: result.latency.max,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx - rateLimited,
    rateLimited,
  };
}

/** A rotating list of realistic chat bodies: the eval questions, every eighth a ticket request. */
export function chatBodies(questions: EvalQuestion[]): string[] {
  const bodies: string[] = [];
  questions.forEach((question, position) => {
    const user = position % 3 === 0 ? { id: `bench-${position}`, email: `verwaltung${position % 40}@amt-beispiel.de` } : { id: `bench-${position}`, name: 'Bench Nutzerin' };
    bodies.push(JSON.stringify({ user, text: question.question }));
    if (position % 8 === 7) bodies.push(JSON.stringify({ user, text: ticketRequests[(position >> 3) % ticketRequests.length] }));
  });
  return bodies;
}

export async function loadHealthz({ baseUrl, connections, seconds }: { baseUrl: string; connections: number; seconds: number }): Promise<LoadFigures> {
  return figures('/healthz', connections, await autocannon({ url: `${baseUrl}/healthz`, connections, duration: seconds }));
}

/**
 * `/api/chat` at `connections` for `seconds`, with a light `/healthz` probe (2 connections, 20 per
 * second) beside it: its latency under load shows how long the event loop of the service stalls.
 */
export async function loadChat({ baseUrl, bodies, connections, seconds }: { baseUrl: string; bodies: string[]; connections: number; seconds: number }): Promise<{ chat: LoadFigures; healthzBeside: LoadFigures }> {
  let next = 0;
  const [chat, probe] = await Promise.all([
    autocannon({
      url: baseUrl,
      connections,
      duration: seconds,
      timeout: 30,
      requests: [
        {
          method: 'POST',
          path: '/api/chat',
          headers: { 'content-type': 'application/json' },
          setupRequest(request) {
            return { ...request, body: bodies[next++ % bodies.length] };
          },
        },
      ],
    }),
    autocannon({ url: `${baseUrl}/healthz`, connections: 2, duration: seconds, overallRate: 20 }),
  ]);
  return { chat: figures('/api/chat', connections, chat), healthzBeside: figures('/healthz (neben Chat)', 2, probe) };
}
