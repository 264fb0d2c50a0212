import { readdir } from 'node:fs/promises';
import path from 'node:path';
import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import { evaluateKnowledge, readEvalQuestions } from '../knowledge/evaluate-knowledge.ts';
import { shippedDocumentsDirectory } from '../knowledge/knowledge-service.ts';
import { readDocumentFile, supportedExtensions } from '../knowledge/read-document-file.ts';
import { renderPlainAnswer } from '../knowledge/render-plain-answer.ts';
import { aiModelsOf, knowledgeServiceOf } from '../service/load-knowledge.ts';
import type { CommandContext } from './cli-io.ts';
import { routeForEvaluation } from '../handlers/classify-intent.ts';

/** `schulit kb ingest`, `schulit ask`, `schulit eval`: the knowledge base. */
export function addKnowledgeCommands(program: Command, { config, io, withDatabase, knowledge: hostKnowledge }: CommandContext): void {
  const aiModels = () => aiModelsOf(config);
  const kb = program.command('kb').description('Wissensbasis');
  kb.command('ingest [verzeichnisse...]')
    .description('Dokumente (Markdown, PDF, DOCX) einlesen; ohne Angabe die mitgelieferten und KNOWLEDGE_DIR')
    .action(async (directories: string[]) => {
      await withDatabase(async (database) => {
        const knowledge = knowledgeServiceOf(config, database, await aiModels());
        const bar = process.stdout.isTTY ? new cliProgress.SingleBar({ format: 'Wissensbasis [{bar}] {value}/{total} {file}' }, cliProgress.Presets.shades_classic) : undefined;
        let isStarted = false;
        const report = await knowledge.ingest(directories.length > 0 ? directories : undefined, (done, total, file) => {
          if (!bar) return;
          if (!isStarted) {
            bar.start(total, 0, { file: '' });
            isStarted = true;
          }
          bar.update(done, { file: path.basename(file) });
        });
        bar?.stop();
        await knowledge.close();
        io.out(`Wissensbasis: ${report.added.length} neu, ${report.updated.length} geändert, ${report.unchanged.length} unverändert, ${report.failed.length} nicht lesbar.`);
        for (const { file, reason } of report.failed) io.out(`  übersprungen: ${file}: ${reason}`);
      });
    });

  program
    .command('ask <frage>')
    .description('Eine Frage an die Wissensbasis stellen')
    .option('--json', 'Antwort als JSON')
    .action(async (question: string, options: { json?: boolean }) => {
      const answer = hostKnowledge
        ? await hostKnowledge.answer(question)
        : await withDatabase(async (database) => {
            const knowledge = knowledgeServiceOf(config, database, await aiModels());
            await knowledge.ingest();
            await knowledge.close();
            return knowledge.answer(question);
          });
      io.out(options.json ? JSON.stringify(answer, null, 2) : renderPlainAnswer(answer));
    });

  program
    .command('eval')
    .description('Auswertung der Wissensbasis mit test/eval/questions.jsonl (offline; mit LLM, wenn konfiguriert)')
    .option('--questions <datei>', 'Fragen-Datei (JSONL)', 'test/eval/questions.jsonl')
    .option('--json', 'Ergebnis als JSON')
    .action(async (options: { questions: string; json?: boolean }) => {
      const files = (await readdir(shippedDocumentsDirectory)).filter((file) => supportedExtensions.includes(path.extname(file)));
      const documents = await Promise.all(files.map((file) => readDocumentFile(path.join(shippedDocumentsDirectory, file))));
      const questions = await readEvalQuestions(options.questions);
      const runs = [{ label: 'offline', models: {} }];
      const models = await aiModels();
      if (models.chat) runs.push({ label: `LLM ${models.chat.name}`, models });
      for (const run of runs) {
        const figures = await evaluateKnowledge({ documents, questions, models: run.models, route: routeForEvaluation });
        if (options.json) {
          io.out(JSON.stringify({ run: run.label, ...figures }, null, 2));
          continue;
        }
        io.out(`Auswertung (${run.label}), ${figures.questions} Fragen:`);
        io.out(`  Suche          hit@1 ${figures.ours.hitAt1}  hit@3 ${figures.ours.hitAt3}  MRR ${figures.ours.mrr}  ${figures.ours.microsecondsPerQuery} µs/Frage`);
        io.out(`  MiniSearch     hit@1 ${figures.miniSearchBaseline.hitAt1}  hit@3 ${figures.miniSearchBaseline.hitAt3}  MRR ${figures.miniSearchBaseline.mrr}  ${figures.miniSearchBaseline.microsecondsPerQuery} µs/Frage`);
        io.out(`  Kernfakten genannt ${figures.keyFactCoverage}   falsche Antworten ${figures.wrongAnswerRate}   fälschlich abgelehnt ${figures.falseRefusalRate}`);
        io.out(`  richtiger Ausgang (Antwort/Lücke/themenfremd/Ticket/Beratung/Stand) ${figures.outcomeAccuracy}   richtige Kategorie ${figures.categoryAccuracy}   richtige Entscheidung ${figures.abstentionAccuracy}`);
        for (const [style, byStyle] of Object.entries(figures.byStyle)) io.out(`  ${style.padEnd(12)} ${String(byStyle.cases).padStart(3)} Fälle  Ausgang ${byStyle.outcomeAccuracy}  Kernfakten ${byStyle.keyFactCoverage}  fälschlich abgelehnt ${byStyle.falseRefusals}`);
        for (const failure of figures.failures) io.out(`  ${failure.id}: ${failure.problem}`);
      }
    });
}
