import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { chunksOfDocuments } from '../../knowledge/evaluate-knowledge.ts';
import { buildKnowledgeIndex, type KnowledgeIndex } from '../../knowledge/knowledge-index.ts';
import { shippedDocumentsDirectory } from '../../knowledge/knowledge-service.ts';
import type { ParsedDocument } from '../../knowledge/parse-document.ts';
import { readDocumentFile } from '../../knowledge/read-document-file.ts';

export async function readShippedDocuments(): Promise<ParsedDocument[]> {
  const files = (await readdir(shippedDocumentsDirectory)).filter((file) => file.endsWith('.md'));
  return Promise.all(files.map((file) => readDocumentFile(path.join(shippedDocumentsDirectory, file))));
}

/** The shipped knowledge base as an in-memory index (no database). */
export async function shippedIndex(): Promise<KnowledgeIndex> {
  return buildKnowledgeIndex(chunksOfDocuments(await readShippedDocuments()));
}
