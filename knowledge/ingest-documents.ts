import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { isAppError } from '../errors.ts';
import type { PrismaClient } from '../prisma/client.ts';
import { hashContent, type ParsedDocument } from './parse-document.ts';
import { readDocumentFile, supportedExtensions } from './read-document-file.ts';

export interface IngestReport {
  added: string[];
  updated: string[];
  unchanged: string[];
  failed: { file: string; reason: string }[];
}

export interface IngestDocumentsOptions {
  prisma: PrismaClient;
  directories: string[];
  /** Embeds chunk texts when an embedding model is configured. */
  embed?: { model: string; embedMany(texts: string[]): Promise<number[][]> };
  onProgress?: (done: number, total: number, file: string) => void;
  /** Reads one file; the service passes its bounded, off-thread reader. */
  read?: (filePath: string) => Promise<ParsedDocument>;
}

// Our sections are short; only long ones (PDF pages, DOCX chapters) are split further. The
// splitter (LangChain) is loaded for the first such section, not at every start.
let splitter: Promise<{ splitText(text: string): Promise<string[]> }> | undefined;
const longSectionSplitter = () => (splitter ??= import('@langchain/textsplitters').then(({ RecursiveCharacterTextSplitter }) => new RecursiveCharacterTextSplitter({ chunkSize: 1500, chunkOverlap: 150 })));

async function listFiles(directory: string): Promise<string[]> {
  const entries = await readdir(directory, { withFileTypes: true, recursive: true }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    throw error;
  });
  return entries
    .filter((entry) => entry.isFile() && supportedExtensions.includes(path.extname(entry.name).toLowerCase()))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
}

async function chunksOf(document: ParsedDocument) {
  const chunks: { sectionPath: string[]; text: string; sourceUrls: string[]; questions: string[] }[] = [];
  for (const section of document.sections) {
    const pieces = section.text.length > 1500 ? await (await longSectionSplitter()).splitText(section.text) : [section.text];
    for (const text of pieces) chunks.push({ sectionPath: section.path, text, sourceUrls: section.sourceUrls.length > 0 ? section.sourceUrls : document.sourceUrls, questions: section.questions });
  }
  return chunks;
}

/**
 * Ingests Markdown, PDF and DOCX files. A document whose content hash is unchanged is skipped; a
 * changed one becomes a new version whose chunks replace the old ones in the index, while the old
 * version and its chunks stay in the database for the answers that cited them. A file that cannot
 * be read is reported and skipped.
 */
export async function ingestDocuments({ prisma, directories, embed, onProgress, read = readDocumentFile }: IngestDocumentsOptions): Promise<IngestReport> {
  const report: IngestReport = { added: [], updated: [], unchanged: [], failed: [] };
  const files = (await Promise.all(directories.map(listFiles))).flat();
  // A file whose bytes and name are those of a current version is unchanged: it is neither parsed
  // again (a PDF would go through the worker at every start) nor looked up one by one.
  const current = await prisma.knowledgeDocument.findMany({ where: { isCurrent: true }, select: { key: true, contentHash: true, sourcePath: true } });
  const currentKeys = new Map(current.map((row) => [`${row.contentHash}:${path.basename(row.sourcePath)}`, row.key]));
  // A later directory overrides an earlier one: an uploaded document with the key of a shipped
  // one replaces it instead of both taking turns as the current version.
  const documents = new Map<string, { file: string; document?: ParsedDocument }>();
  for (const file of files) {
    try {
      const knownKey = currentKeys.get(`${hashContent(await readFile(file))}:${path.basename(file)}`);
      if (knownKey) {
        documents.delete(knownKey);
        documents.set(knownKey, { file });
        continue;
      }
      const document = await read(file);
      documents.delete(document.key);
      documents.set(document.key, { file, document });
    } catch (error) {
      const reason = isAppError(error) ? error.german : error instanceof Error ? error.message : String(error);
      report.failed.push({ file, reason });
    }
  }
  let done = 0;
  for (const [key, { file, document }] of documents) {
    onProgress?.(done, documents.size, file);
    if (!document) {
      report.unchanged.push(key);
      done += 1;
      continue;
    }
    try {
      const current = await prisma.knowledgeDocument.findFirst({ where: { key: document.key, isCurrent: true } });
      if (current && current.contentHash === document.contentHash) {
        report.unchanged.push(document.key);
      } else {
        const chunks = await chunksOf(document);
        const vectors = embed ? await embed.embedMany(chunks.map((chunk) => `${chunk.sectionPath.join(' > ')}\n${chunk.text}`)) : [];
        const latest = await prisma.knowledgeDocument.findFirst({ where: { key: document.key }, orderBy: { version: 'desc' } });
        await prisma.$transaction(async (transaction) => {
          await transaction.knowledgeDocument.updateMany({ where: { key: document.key, isCurrent: true }, data: { isCurrent: false } });
          await transaction.knowledgeDocument.create({
            data: {
              key: document.key,
              version: (latest?.version ?? 0) + 1,
              title: document.title,
              sourcePath: path.relative(process.cwd(), document.sourcePath),
              contentHash: document.contentHash,
              sourceUrls: document.sourceUrls,
              validFrom: document.validFrom,
              validUntil: document.validUntil,
              audience: document.audience,
              programme: document.programme,
              chunks: {
                create: chunks.map((chunk, ordinal) => ({
                  ordinal,
                  sectionPath: chunk.sectionPath,
                  text: chunk.text,
                  sourceUrls: chunk.sourceUrls,
                  questions: chunk.questions,
                  embedding: vectors[ordinal] ?? [],
                  embeddingModel: vectors[ordinal] ? (embed?.model ?? null) : null,
                })),
              },
            },
          });
        });
        (current ? report.updated : report.added).push(document.key);
      }
    } catch (error) {
      const reason = isAppError(error) ? error.german : error instanceof Error ? error.message : String(error);
      report.failed.push({ file, reason });
    }
    done += 1;
  }
  onProgress?.(done, documents.size, '');
  return report;
}
