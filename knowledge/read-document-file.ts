import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../errors.ts';
import { hashContent, parseMarkdownDocument, splitAtHeadings, type ParsedDocument } from './parse-document.ts';

export const supportedExtensions = ['.md', '.markdown', '.pdf', '.docx'];

/**
 * Reads one knowledge file: Markdown directly, DOCX through mammoth (which keeps headings, so
 * sections survive), PDF through unpdf (page by page; a PDF has no headings to split at).
 */
export async function readDocumentFile(filePath: string): Promise<ParsedDocument> {
  const extension = path.extname(filePath).toLowerCase();
  const content = await readFile(filePath);
  const key = path.basename(filePath).replace(/\.[^.]+$/, '');
  if (extension === '.md' || extension === '.markdown') {
    return parseMarkdownDocument(content.toString('utf8'), filePath);
  }
  const base = {
    key,
    sourcePath: filePath,
    contentHash: hashContent(content),
    sourceUrls: [],
    validFrom: null,
    validUntil: null,
    audience: null,
    programme: null,
  };
  if (extension === '.docx') {
    const mammoth = await import('mammoth');
    const { value: markdown } = await (mammoth.default as unknown as { convertToMarkdown(input: { buffer: Buffer }): Promise<{ value: string }> }).convertToMarkdown({ buffer: content });
    const cleaned = markdown.replace(/__(.+?)__/g, '$1').replace(/\\([.\-()!])/g, '$1');
    const title = /^#\s+(.+)$/m.exec(cleaned)?.[1]?.trim() ?? key;
    const sections = splitAtHeadings(cleaned, title);
    if (sections.length === 0) throw new AppError('invalid_input', `No text in ${filePath}`, { german: `Die Datei ${path.basename(filePath)} enthält keinen Text.` });
    return { ...base, title, sections };
  }
  if (extension === '.pdf') {
    const { extractText, getDocumentProxy } = await import('unpdf');
    const pdf = await getDocumentProxy(new Uint8Array(content));
    const { text: pages } = await extractText(pdf, { mergePages: false });
    const sections = pages
      .map((pageText, index) => ({ path: [`Seite ${index + 1}`], text: pageText.trim(), sourceUrls: [] }))
      .filter((section) => section.text.length > 0);
    if (sections.length === 0) throw new AppError('invalid_input', `No text layer in ${filePath}`, { german: `Die PDF-Datei ${path.basename(filePath)} enthält keinen auslesbaren Text, vermutlich ist sie ein Scan. Bitte laden Sie eine PDF-Datei mit Textebene oder eine Word-Datei hoch.` });
    return { ...base, title: key, sections };
  }
  throw new AppError('invalid_input', `Unsupported file type ${extension}`, { german: `Dateityp ${extension} wird nicht unterstützt.` });
}
