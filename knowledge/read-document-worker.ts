// Runs in a worker process (see create-document-reader.ts): DOCX and PDF parsing, away from the
// event loop that serves HTTP. Errors cross the thread boundary as plain data, so that a refusal
// keeps its code and German sentence.
import { isAppError, type ErrorCode } from '../errors.ts';
import type { ParsedDocument } from './parse-document.ts';
import { readDocumentFile, type DocumentLimits } from './read-document-file.ts';

export interface ReadDocumentTask {
  filePath: string;
  limits: DocumentLimits;
}

export type ReadDocumentResult = { document: ParsedDocument } | { error: { code: ErrorCode; message: string; german: string } };

export default async function readInWorker({ filePath, limits }: ReadDocumentTask): Promise<ReadDocumentResult> {
  try {
    return { document: await readDocumentFile(filePath, limits) };
  } catch (error) {
    if (isAppError(error)) return { error: { code: error.code, message: error.message, german: error.german } };
    throw error;
  }
}
