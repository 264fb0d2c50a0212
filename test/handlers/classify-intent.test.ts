import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { classifyIntent } from '../../handlers/classify-intent.ts';
import { triageRequest } from '../../tickets/triage-request.ts';
import { projectRoot } from '../helpers/processes.ts';

interface Example {
  text: string;
  intent: string;
  category?: string;
}

async function examples(): Promise<Example[]> {
  const text = await readFile(path.join(projectRoot, 'test/handlers/intent-examples.jsonl'), 'utf8');
  return text.trim().split('\n').map((line) => JSON.parse(line) as Example);
}

describe('offline intent rules on the labelled German examples', () => {
  // The rules were tuned on this set, so these floors guard against regressions rather than
  // estimate accuracy on new messages. "out_of_scope" is decided later, by the knowledge step.
  it('classify at least 95 % of the examples right', async () => {
    const rows = await examples();
    const wrong = rows.filter((row) => classifyIntent(row.text).intent !== (row.intent === 'out_of_scope' ? 'question' : row.intent));
    expect(wrong.length / rows.length, JSON.stringify(wrong.map((row) => row.text.slice(0, 60)))).toBeLessThanOrEqual(0.05);
  });

  it('triage at least 90 % of the ticket examples into the right category', async () => {
    const tickets = (await examples()).filter((row) => row.category);
    const right = tickets.filter((row) => triageRequest({ text: row.text }).category === row.category);
    expect(right.length / tickets.length).toBeGreaterThanOrEqual(0.9);
  });

  it('splits a question from a request in one message', () => {
    const result = classifyIntent('Welche Unterlagen brauchen wir, und bitte verschieben Sie unsere Schule im ROP auf 2025');
    expect(result).toMatchObject({ intent: 'ticket', requestKind: 'rop_change', hasQuestion: true, questionText: 'Welche Unterlagen brauchen wir' });
  });

  it('keeps the sentence a question points back to, so the question can be answered on its own', () => {
    const result = classifyIntent('Unsere Grundschule ist für 2024 vorgesehen. Wir möchten die Förderung vorziehen. Welche Angaben benötigen Sie dafür von uns?');
    expect(result).toMatchObject({ intent: 'ticket', requestKind: 'rop_change', hasQuestion: true });
    expect(result.questionText).toBe('Wir möchten die Förderung vorziehen. Welche Angaben benötigen Sie dafür von uns?');
  });

  it('treats questions about how a change or an offer works as questions, and the wish itself as a request', () => {
    expect(classifyIntent('Wie ändern wir den Roll-Out-Plan?').intent).toBe('question');
    expect(classifyIntent('muss man für die aufträge angebote einholen?').intent).toBe('question');
    expect(classifyIntent('Können wir unser Förderjahr auf 2024 verschieben?')).toMatchObject({ intent: 'ticket', requestKind: 'rop_change' });
    // The wished year first: "erst 2024 statt 2023".
    expect(classifyIntent('Wir möchten, dass unsere Grundschule erst 2024 statt 2023 drankommt. Können Sie das ändern?')).toMatchObject({ intent: 'ticket', requestKind: 'rop_change' });
    expect(classifyIntent('Wir hätten gern ein Angebot für die Erstellung unseres Medienentwicklungsplans.')).toMatchObject({ intent: 'ticket', requestKind: 'offer' });
  });

  it('tells a question about consultations from a booking', () => {
    expect(classifyIntent('Was kostet eine Beratung durch eGo-MV?').intent).toBe('question');
    expect(classifyIntent('Können wir nächste Woche einen Beratungstermin per Video machen?').intent).toBe('booking');
  });
});

describe('triage priorities', () => {
  it.each([
    ['Unser Antrag ist blockiert, das LFI hat ihn zurückgewiesen.', 'hoch'],
    ['Die Frist läuft morgen ab, bitte sofort melden!', 'dringend'],
    ['Nur zur Info, keine Eile: wir haben einen neuen Schulleiter.', 'niedrig'],
    ['Bitte senden Sie uns die Präsentation.', 'normal'],
  ])('%s -> %s', (text, priority) => {
    const triage = triageRequest({ text });
    expect(triage.priority).toBe(priority);
    if (priority !== 'normal') expect(triage.priorityReasons.length).toBeGreaterThan(0);
  });
});
