import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';

/** Where a stored attachment lives: its `storedAt` below the attachments directory, never outside it. */
function locate(directory: string, storedAt: string): string {
  const file = path.resolve(directory, storedAt);
  if (!file.startsWith(path.resolve(directory) + path.sep)) throw new Error(`Attachment path outside the store: ${storedAt}`);
  return file;
}

/** Deletes stored attachment files (retention, erasure); files already gone are fine. */
export async function deleteAttachmentFiles(directory: string, storedAt: string[]): Promise<number> {
  let deleted = 0;
  for (const file of storedAt) {
    await rm(locate(directory, file), { force: true });
    deleted += 1;
  }
  return deleted;
}

/** A stored attachment's bytes, or null when the file is gone. */
export async function readAttachmentFile(directory: string, storedAt: string): Promise<Buffer | null> {
  return readFile(locate(directory, storedAt)).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return null;
    throw error;
  });
}
