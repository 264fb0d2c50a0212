import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { AppError, isAppError } from '../errors.ts';
import type { PrismaClient } from '../prisma/client.ts';
import type { IngestReport } from './ingest-documents.ts';
import type { KnowledgeService } from './knowledge-service.ts';
import { supportedExtensions } from './read-document-file.ts';

export interface DocumentsPortOptions {
  prisma: PrismaClient;
  knowledge: KnowledgeService;
  /** Every knowledge directory in override order (shipped first, uploads last). */
  directories: string[];
  uploadDirectory: string;
}

/** A file name safe to keep on disk: letters, digits, dot, dash, underscore; a known extension. */
export function safeDocumentFileName(fileName: string): string {
  const base = path.basename(fileName.replace(/\\/g, '/')).normalize('NFC');
  const cleaned = base.replace(/[^\w.\-äöüÄÖÜß]+/g, '-').replace(/^[.-]+/, '');
  const extension = path.extname(cleaned).toLowerCase();
  if (!cleaned || !supportedExtensions.includes(extension)) {
    throw new AppError('invalid_input', `Unsupported document file name: ${fileName}`, {
      german: `Bitte laden Sie eine Datei vom Typ ${supportedExtensions.join(', ')} hoch.`,
    });
  }
  return cleaned;
}

/**
 * What admins do with knowledge documents in the workspace: list them with their versions, upload
 * a file (checked by parsing it before it is kept; the same key as a shipped document makes a new
 * version that overrides it), and re-ingest all directories.
 */
export function createDocumentsPort({ prisma, knowledge, directories, uploadDirectory }: DocumentsPortOptions) {
  return {
    async list() {
      const rows = await prisma.knowledgeDocument.findMany({
        orderBy: [{ key: 'asc' }, { version: 'desc' }],
        select: { key: true, title: true, sourcePath: true, version: true, contentHash: true, isCurrent: true, createdAt: true, updatedAt: true, _count: { select: { chunks: true } } },
      });
      const byKey = new Map<string, typeof rows>();
      for (const row of rows) byKey.set(row.key, [...(byKey.get(row.key) ?? []), row]);
      return [...byKey.values()].map((versions) => {
        const current = versions.find((version) => version.isCurrent) ?? versions[0]!;
        return {
          key: current.key,
          title: current.title,
          sourcePath: current.sourcePath,
          version: current.version,
          isCurrent: current.isCurrent,
          chunkCount: current._count.chunks,
          updatedAt: current.createdAt,
          versions: versions.map((version) => ({ version: version.version, contentHash: version.contentHash, createdAt: version.createdAt, isCurrent: version.isCurrent })),
        };
      });
    },
    async upload(fileName: string, bytes: Buffer): Promise<IngestReport> {
      const safeName = safeDocumentFileName(fileName);
      if (bytes.length === 0) throw new AppError('invalid_input', 'Empty upload', { german: 'Die Datei ist leer.' });
      // Parse a staged copy first: a file that cannot be read never reaches the knowledge folder.
      const staging = await mkdtemp(path.join(os.tmpdir(), 'schulit-upload-'));
      try {
        await writeFile(path.join(staging, safeName), bytes);
        await knowledge.readDocument(path.join(staging, safeName));
      } catch (error) {
        throw isAppError(error) ? error : new AppError('invalid_input', `Unreadable document: ${String(error)}`, { german: `Die Datei ${safeName} ließ sich nicht lesen.` });
      } finally {
        await rm(staging, { recursive: true, force: true });
      }
      await mkdir(uploadDirectory, { recursive: true });
      await writeFile(path.join(uploadDirectory, safeName), bytes);
      return knowledge.ingest(directories);
    },
    reingest: (): Promise<IngestReport> => knowledge.ingest(directories),
  };
}

export type DocumentsPort = ReturnType<typeof createDocumentsPort>;
