import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { routeForEvaluation } from '../../handlers/classify-intent.ts';
import { evaluateKnowledge, readEvalQuestions } from '../../knowledge/evaluate-knowledge.ts';
import { readShippedDocuments } from '../helpers/knowledge.ts';
import { projectRoot } from '../helpers/processes.ts';

describe('offline evaluation of the knowledge base', () => {
  it('stays at or above the recorded floor', async () => {
    const questions = await readEvalQuestions(path.join(projectRoot, 'test/eval/questions.jsonl'));
    const floor = JSON.parse(await readFile(path.join(projectRoot, 'test/eval/floor.json'), 'utf8')) as Record<string, number>;
    expect(questions.length).toBeGreaterThanOrEqual(floor.questions!);
    const figures = await evaluateKnowledge({ documents: await readShippedDocuments(), questions, route: routeForEvaluation });
    process.stdout.write(`eval: ${JSON.stringify({ ours: figures.ours, miniSearch: figures.miniSearchBaseline, keyFactCoverage: figures.keyFactCoverage, abstentionAccuracy: figures.abstentionAccuracy, wrongAnswerRate: figures.wrongAnswerRate, falseRefusalRate: figures.falseRefusalRate, outcomeAccuracy: figures.outcomeAccuracy, categoryAccuracy: figures.categoryAccuracy })}\n`);
    expect(figures.ours.hitAt1).toBeGreaterThanOrEqual(floor.hitAt1!);
    expect(figures.ours.hitAt3).toBeGreaterThanOrEqual(floor.hitAt3!);
    expect(figures.ours.mrr).toBeGreaterThanOrEqual(floor.mrr!);
    expect(figures.keyFactCoverage).toBeGreaterThanOrEqual(floor.keyFactCoverage!);
    expect(figures.abstentionAccuracy).toBeGreaterThanOrEqual(floor.abstentionAccuracy!);
    expect(figures.outcomeAccuracy).toBeGreaterThanOrEqual(floor.outcomeAccuracy!);
    expect(figures.categoryAccuracy).toBeGreaterThanOrEqual(floor.categoryAccuracy!);
    expect(figures.wrongAnswerRate).toBeLessThanOrEqual(floor.maxWrongAnswerRate!);
    expect(figures.falseRefusalRate).toBeLessThanOrEqual(floor.maxFalseRefusalRate!);
    expect(figures.ours.hitAt1).toBeGreaterThan(figures.miniSearchBaseline.hitAt1);
  });
});
