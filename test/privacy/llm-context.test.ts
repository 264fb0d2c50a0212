import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { questionSentences } from '../../knowledge/clean-question.ts';
import { createAiModels, type SendContext } from '../../knowledge/create-ai-models.ts';
import { createKnowledgeService } from '../../knowledge/knowledge-service.ts';
import { maskPersonalData } from '../../knowledge/mask-personal-data.ts';
import { createTestEngine } from '../helpers/engine.ts';
import { useTestDatabase } from '../helpers/database.ts';
import { startOpenAiStub, type StubRequest } from '../helpers/openai-stub.ts';

describe('masking what leaves for a model', () => {
  it('replaces addresses, German phone numbers in their usual spellings and IBANs, and nothing else', () => {
    const text = [
      'Rufen Sie mich an: 0385 1234567, mobil 0170-1234567 oder +49 (0)3834 86 12 34, Fax 0385/58812-34.',
      'Mail an p.lindenhahn@amt-kraakow.example oder Jörg.Müller@schulamt-güstrow.example.',
      'IBAN DE89 3704 0044 0532 0130 00 bzw. DE89370400440532013000.',
      'Vorgang SIT-2026-00042 vom 12.03.2025 über 25.000 Euro, Dienststellennummer 75123456, 80 Schüler, Förderjahr 2022.',
    ].join('\n');
    const masked = maskPersonalData(text);
    expect(masked).toBe(
      [
        'Rufen Sie mich an: [Telefon], mobil [Telefon] oder [Telefon], Fax [Telefon].',
        'Mail an [E-Mail] oder [E-Mail].',
        'IBAN [IBAN] bzw. [IBAN].',
        'Vorgang SIT-2026-00042 vom 12.03.2025 über 25.000 Euro, Dienststellennummer 75123456, 80 Schüler, Förderjahr 2022.',
      ].join('\n'),
    );
  });

  it('leaves mail-server versions, IP addresses and time zones from real headers alone (sisimai, postal-mime corpora)', () => {
    const header = 'by mx.example.jp (8.14.4/8.14.4) with ESMTP id o91AFNQX; Fri, 18 Jul 2014 00:31:04 -0700 from gateway (172.21.25.141), mailer (2.1878.2)';
    expect(maskPersonalData(header)).toBe(header);
  });

  it('keeps the sentence a question points back to, unless it is about the person', () => {
    expect(questionSentences('In unserem Gemeinderat hieß es, wir müssten 15 % Eigenanteil tragen. Ist das in MV richtig?')).toBe('In unserem Gemeinderat hieß es, wir müssten 15 % Eigenanteil tragen. Ist das in MV richtig?');
    expect(questionSentences('Ich bin Frau Wendt, Tel. 03962 210555. Ist das förderfähig?')).toBe('Ist das förderfähig?');
  });

  it('keeps only the sentences that ask something', () => {
    expect(questionSentences('Ich bin Petra Lindenhahn vom Amt Kraakow. Wir planen neue Tafeln. Sind interaktive Tafeln förderfähig? Danke!')).toBe('Sind interaktive Tafeln förderfähig?')
    expect(questionSentences('Können wir Laptops kaufen. Ich melde mich morgen wieder')).toBe('Können wir Laptops kaufen.');
    expect(questionSentences('Bitte um Rückruf wegen des Antrags')).toBe('Bitte um Rückruf wegen des Antrags');
  });
});

const message = [
  'Guten Tag,',
  'ich bin Petra Lindenhahn vom Amt Kraakow, erreichbar unter 038457 22 31 88 oder p.lindenhahn@amt-kraakow.example.',
  'Ist WLAN in der Grundschule förderfähig?',
  'Mit freundlichen Grüßen',
  'Petra Lindenhahn',
].join('\n');

/** A model that classifies every message as a question and answers from the first passage it is given. */
function cooperativeModel(request: StubRequest): string {
  const system = request.body.messages?.[0]?.content ?? '';
  if (system.includes('Klassifiziere')) return JSON.stringify({ intent: 'question', hasQuestion: true });
  const passage = /<passage id="([^"]+)"/.exec(JSON.stringify(request.body.messages).replaceAll('\\"', '"'))?.[1];
  return JSON.stringify({ isCovered: Boolean(passage), answer: 'Ja, WLAN ist förderfähig.', citedChunkIds: passage ? [passage] : [] });
}

describe.each<SendContext>(['message', 'question'])('what a configured model sees with AI_SEND_CONTEXT=%s', (sendContext) => {
  const database = useTestDatabase('pglite');
  let stub: Awaited<ReturnType<typeof startOpenAiStub>>;
  beforeAll(async () => {
    stub = await startOpenAiStub({ respond: cooperativeModel });
  });
  afterAll(async () => {
    await stub?.close();
  });

  it('never an address or phone number; with "question" only the question itself', async () => {
    const models = createAiModels({ baseUrl: stub.baseUrl, apiKey: 'sk-test', chatModel: 'stub-chat', embeddingModel: 'stub-embed', timeoutMs: 5000, sendContext });
    const knowledge = createKnowledgeService({ prisma: database().prisma, models, timeoutMs: 5000 });
    await knowledge.ingest();
    const { engine } = await createTestEngine(database(), { models, knowledge });
    const ingestion = stub.requests.length;

    const result = await engine.handleMessage({ channel: 'api', sender: { email: 'p.lindenhahn@amt-kraakow.example', name: 'Petra Lindenhahn' }, conversationKey: `llm-${sendContext}`, text: message });
    expect(result.intent).toBe('question');
    const sent = stub.requests.slice(ingestion).map((request) => JSON.stringify(request.body));
    expect(sent.length).toBeGreaterThan(0);
    for (const body of sent) {
      expect(body).not.toContain('p.lindenhahn@amt-kraakow.example');
      expect(body).not.toContain('038457 22 31 88');
    }
    const classification = sent.filter((body) => body.includes('Klassifiziere'));
    const answering = sent.filter((body) => body.includes('<anfrage>'));
    const embedding = stub.requests.slice(ingestion).filter((request) => request.path.endsWith('/embeddings'));
    expect(answering).toHaveLength(1);
    expect(embedding).toHaveLength(1);
    if (sendContext === 'message') {
      expect(classification).toHaveLength(1);
      expect(classification[0]).toContain('[Telefon]');
      expect(classification[0]).toContain('[E-Mail]');
    } else {
      expect(classification).toEqual([]);
      for (const body of sent) expect(body).not.toMatch(/Lindenhahn|Kraakow/);
      expect(embedding[0]!.body.input).toEqual(['Ist WLAN in der Grundschule förderfähig?']);
    }
  }, 60_000);
});
