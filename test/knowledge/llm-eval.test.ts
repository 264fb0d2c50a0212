import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { routeForEvaluation } from '../../handlers/classify-intent.ts';
import { createAiModels } from '../../knowledge/create-ai-models.ts';
import { evaluateKnowledge, readEvalQuestions } from '../../knowledge/evaluate-knowledge.ts';
import { readShippedDocuments } from '../helpers/knowledge.ts';
import { startOpenAiStub, type StubRequest } from '../helpers/openai-stub.ts';
import { projectRoot } from '../helpers/processes.ts';

/**
 * A faithful stand-in model on a local OpenAI-compatible endpoint: it answers from the passages it
 * is offered, each passage's opening, one paragraph per passage it takes. The evaluation through
 * it shows that the LLM path gets the passages the offline path uses (one per part of a question)
 * and the answer rules, and that its figures hold up against the offline ones.
 */
function passagesOf(request: StubRequest): { id: string; text: string }[] {
  const prompt = request.body.messages?.map((message) => message.content).join('\n') ?? '';
  return [...prompt.matchAll(/<passage id="([^"]+)"[^>]*>\n([\s\S]*?)\n<\/passage>/g)].map((match) => ({ id: match[1]!, text: match[2]! }));
}

describe('the evaluation through a local OpenAI-compatible model', () => {
  const prompts: string[] = [];
  let stub: Awaited<ReturnType<typeof startOpenAiStub>> | undefined;
  afterAll(async () => {
    await stub?.close();
  });

  it('answers from the same passages under the same rules, with figures close to the offline ones', async () => {
    stub = await startOpenAiStub({
      respond: (request) => {
        prompts.push(request.body.messages?.find((message) => message.role === 'system')?.content ?? '');
        const question = /<anfrage>\n([\s\S]*?)\n<\/anfrage>/.exec(request.body.messages?.map((message) => message.content).join('\n') ?? '')?.[1] ?? '';
        const parts = question.split(/(?<=\?)\s+/).filter((part) => /[A-Za-zÄÖÜäöüß]{3,}/.test(part)).length;
        const taken = passagesOf(request).slice(0, Math.max(1, parts));
        return JSON.stringify({ isCovered: taken.length > 0, answer: taken.map((passage) => passage.text.split('\n')[0]).join('\n\n'), citedChunkIds: taken.map((passage) => passage.id) });
      },
    });
    const questions = await readEvalQuestions(path.join(projectRoot, 'test/eval/questions.jsonl'));
    const documents = await readShippedDocuments();
    const offline = await evaluateKnowledge({ documents, questions, route: routeForEvaluation });
    const models = createAiModels({ baseUrl: stub.baseUrl, chatModel: 'treu-stub', timeoutMs: 5000 });
    const withModel = await evaluateKnowledge({ documents, questions, models, route: routeForEvaluation });
    process.stdout.write(`eval mit Modell: ${JSON.stringify({ keyFactCoverage: withModel.keyFactCoverage, wrongAnswerRate: withModel.wrongAnswerRate, falseRefusalRate: withModel.falseRefusalRate, offline: { keyFactCoverage: offline.keyFactCoverage, wrongAnswerRate: offline.wrongAnswerRate } })}\n`);

    expect(prompts.length).toBeGreaterThan(100);
    expect(prompts[0]).toContain('Der erste Satz beantwortet die Frage direkt');
    expect(prompts[0]).toContain('verweise nicht auf Abschnitte oder Dokumente');
    // The same passages: a faithful model is about as right as the offline composition.
    expect(withModel.keyFactCoverage).toBeGreaterThanOrEqual(offline.keyFactCoverage - 0.1);
    expect(withModel.falseRefusalRate).toBeLessThanOrEqual(offline.falseRefusalRate);
    // A two-part question reaches the model with a passage for each part.
    const multiPart = stub.requests.find((request) => /Laptops kaufen\? Und WLAN\?/.test(request.body.messages?.map((message) => message.content).join('\n') ?? ''));
    expect(multiPart).toBeDefined();
    expect(passagesOf(multiPart!).slice(0, 2).map((passage) => passage.text)).toEqual([expect.stringContaining('Laptops'), expect.stringContaining('WLAN')]);
  }, 120_000);
});
