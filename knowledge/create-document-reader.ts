import path from 'node:path';
import { AppError } from '../errors.ts';
import { createLazyWorkerPool, isWorkerTimeout } from '../worker-pool.ts';
import type { ParsedDocument } from './parse-document.ts';
import { defaultDocumentLimits, readDocumentFile, type DocumentLimits } from './read-document-file.ts';
import type { ReadDocumentResult, ReadDocumentTask } from './read-document-worker.ts';
import { siblingModule } from '../project-root.ts';

export interface DocumentReader {
  read(filePath: string): Promise<ParsedDocument>;
  close(): Promise<void>;
}

export interface DocumentReaderOptions {
  timeoutMs: number;
  maxMemoryMb: number;
  limits?: DocumentLimits;
}

/**
 * Reads knowledge documents with bounded cost. Markdown is read in place (linear, and checked for
 * length); DOCX and PDF are parsed in a worker process with a time and heap limit, so that a zip or
 * PDF bomb that slips past the declared-size checks ends that process with a German 413 instead of
 * stalling or killing the service.
 */
export function createDocumentReader({ timeoutMs, maxMemoryMb, limits = defaultDocumentLimits }: DocumentReaderOptions): DocumentReader {
  const pool = createLazyWorkerPool<ReadDocumentTask, ReadDocumentResult>(siblingModule('read-document-worker', import.meta.url), { maxMemoryMb, maxWorkers: 1 });
  return {
    async read(filePath) {
      const extension = path.extname(filePath).toLowerCase();
      if (extension !== '.docx' && extension !== '.pdf') return readDocumentFile(filePath, limits);
      const fileName = path.basename(filePath);
      let result: ReadDocumentResult;
      try {
        result = await pool.run({ filePath, limits }, { timeoutMs });
      } catch (error) {
        if (isWorkerTimeout(error)) {
          const seconds = Math.ceil(timeoutMs / 1000);
          throw new AppError('payload_too_large', `${fileName}: reading took longer than ${timeoutMs} ms`, {
            german: `Die Datei ${fileName} wird nicht gelesen: Das Lesen dauerte länger als ${seconds} ${seconds === 1 ? 'Sekunde' : 'Sekunden'}. Bitte prüfen Sie die Datei oder teilen Sie sie auf.`,
            cause: error,
          });
        }
        // The worker died (heap limit) or the parser crashed: the document is refused, the service goes on.
        throw new AppError('payload_too_large', `${fileName}: parser failed (${(error as Error).message})`, {
          german: `Die Datei ${fileName} wird nicht gelesen: Sie braucht beim Entpacken mehr als ${maxMemoryMb} MB Arbeitsspeicher oder ist beschädigt. Bitte prüfen Sie die Datei oder teilen Sie sie auf.`,
          cause: error,
        });
      }
      if ('error' in result) throw new AppError(result.error.code, result.error.message, { german: result.error.german });
      return result.document;
    },
    close: () => pool.close(),
  };
}
