import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, it } from 'vitest';
import { ingestDocuments } from '../../knowledge/ingest-documents.ts';
import { loadKnowledgeIndex } from '../../knowledge/load-knowledge-index.ts';
import { shippedDocumentsDirectory } from '../../knowledge/knowledge-service.ts';
import { describeOnEachDatabase } from '../helpers/database.ts';
import { buildDocx, buildPdf } from '../helpers/documents.ts';
import { uniqueSuffix } from '../helpers/factories.ts';
import { temporaryDirectory } from '../helpers/processes.ts';

const markdown = (key: string, body: string) =>
  `---\nid: ${key}\ntitle: Testdokument ${key}\nsources:\n  - https://example.org/${key}\nvalid_from: 2019-05-17\n---\n\n# Testdokument ${key}\n\n## Erster Abschnitt\n\n${body}\n\nQuellen: https://example.org/${key}/eins\n\n## Zweiter Abschnitt\n\nNoch ein Satz über Dokumentenkameras.\n`;

describeOnEachDatabase('knowledge ingestion', (database) => {

  it('ingests Markdown, DOCX and PDF, reports an unreadable file and keeps the rest', async () => {
    const directory = await temporaryDirectory();
    const key = `test-${uniqueSuffix()}`;
    await writeFile(path.join(directory, `${key}.md`), markdown(key, 'Der Sockelbetrag einer Testschule beträgt 12.345 EUR.'));
    await writeFile(path.join(directory, `${key}-handout.docx`), await buildDocx([{ heading: 1, text: 'Handreichung Netzwerk' }, { heading: 2, text: 'Switche' }, { text: 'Switche sollten PoE nach IEEE 802.3bt liefern.' }]));
    await writeFile(path.join(directory, `${key}-scan.pdf`), buildPdf(['Merkblatt Glasfaser', 'Ein Glasfaseranschluss wird empfohlen.']));
    await writeFile(path.join(directory, `${key}-kaputt.pdf`), Buffer.from('%PDF-1.4 this is not a pdf'));
    const report = await ingestDocuments({ prisma: database().prisma, directories: [directory] });
    expect(report.added.sort()).toEqual([key, `${key}-handout`, `${key}-scan`].sort());
    expect(report.failed).toEqual([{ file: path.join(directory, `${key}-kaputt.pdf`), reason: expect.any(String) }]);

    const docx = await database().prisma.knowledgeChunk.findFirstOrThrow({ where: { document: { key: `${key}-handout` } } });
    expect(docx.sectionPath).toEqual(['Switche']);
    expect(docx.text).toContain('IEEE 802.3bt');
    const pdf = await database().prisma.knowledgeChunk.findFirstOrThrow({ where: { document: { key: `${key}-scan` } } });
    expect(pdf.sectionPath).toEqual(['Seite 1']);
    expect(pdf.text).toContain('Glasfaseranschluss wird empfohlen');
    const md = await database().prisma.knowledgeChunk.findFirstOrThrow({ where: { document: { key }, ordinal: 0 } });
    expect(md).toMatchObject({ sectionPath: ['Erster Abschnitt'], sourceUrls: [`https://example.org/${key}/eins`] });
    expect(md.text).not.toContain('Quellen:');
  });

  it('skips unchanged documents and versions changed ones, keeping old chunks for cited answers', async () => {
    const directory = await temporaryDirectory();
    const key = `version-${uniqueSuffix()}`;
    const file = path.join(directory, `${key}.md`);
    await writeFile(file, markdown(key, 'Die Frist endet am 31.12.2023.'));
    await ingestDocuments({ prisma: database().prisma, directories: [directory] });
    const first = await database().prisma.knowledgeDocument.findFirstOrThrow({ where: { key }, include: { chunks: true } });

    expect(await ingestDocuments({ prisma: database().prisma, directories: [directory] })).toMatchObject({ unchanged: [key], added: [], updated: [] });

    await writeFile(file, markdown(key, 'Die Frist endet am 30.06.2025.'));
    expect(await ingestDocuments({ prisma: database().prisma, directories: [directory] })).toMatchObject({ updated: [key] });
    const versions = await database().prisma.knowledgeDocument.findMany({ where: { key }, orderBy: { version: 'asc' } });
    expect(versions.map((version) => [version.version, version.isCurrent])).toEqual([[1, false], [2, true]]);
    expect(await database().prisma.knowledgeChunk.count({ where: { id: { in: first.chunks.map((chunk) => chunk.id) } } })).toBe(first.chunks.length);

    const index = await loadKnowledgeIndex({ prisma: database().prisma });
    // Other test files share a PostgreSQL database, so look only at this document's chunks.
    const ours = index.search(`Testdokument ${key} Frist endet`, { limit: 50 }).filter((hit) => hit.chunk.documentKey === key);
    expect(ours.map((hit) => hit.chunk.documentVersion)).toEqual(expect.arrayContaining([2]));
    expect(ours.some((hit) => hit.chunk.text.includes('30.06.2025'))).toBe(true);
    expect(ours.some((hit) => hit.chunk.text.includes('31.12.2023'))).toBe(false);
  });

  it('ingests the shipped knowledge base with a source URL on every chunk', async () => {
    const report = await ingestDocuments({ prisma: database().prisma, directories: [shippedDocumentsDirectory] });
    expect(report.failed).toEqual([]);
    const chunks = await database().prisma.knowledgeChunk.findMany({ where: { document: { isCurrent: true, sourcePath: { contains: 'knowledge/documents' } } } });
    expect(chunks.length).toBeGreaterThan(100);
    expect(chunks.filter((chunk) => chunk.sourceUrls.length === 0)).toEqual([]);
    // Only a document's introduction, above its first section heading, has no section path.
    expect(chunks.filter((chunk) => chunk.sectionPath.length === 0 && chunk.ordinal > 0)).toEqual([]);
  });
});
