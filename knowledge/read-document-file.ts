import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Entry, ZipFile } from 'yauzl';
import { AppError } from '../errors.ts';
import { hashContent, parseMarkdownDocument, splitAtHeadings, type ParsedDocument } from './parse-document.ts';

export const supportedExtensions = ['.md', '.markdown', '.pdf', '.docx'];

/**
 * What one knowledge document may cost to read. Guidelines and handouts are tens of pages; these
 * ceilings are two orders of magnitude above that and far below what stalls the service.
 */
export interface DocumentLimits {
  /** Files inside a DOCX (a Word document has a few dozen). */
  maxArchiveEntries: number;
  /** Sum of the unpacked sizes a DOCX declares. */
  maxUnpackedBytes: number;
  maxPdfPages: number;
  /** Characters of text in one document. */
  maxTextChars: number;
}

export const defaultDocumentLimits: DocumentLimits = {
  maxArchiveEntries: 2_000,
  maxUnpackedBytes: 50 * 1024 * 1024,
  maxPdfPages: 1_000,
  maxTextChars: 5_000_000,
};

const megabytes = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;

function tooLarge(fileName: string, detail: string, german: string): AppError {
  return new AppError('payload_too_large', `${fileName}: ${detail}`, { german: `Die Datei ${fileName} wird nicht gelesen: ${german} Bitte prüfen Sie die Datei oder teilen Sie sie auf.` });
}

/**
 * Reads a DOCX's central directory (without inflating anything) and refuses archives whose
 * declared contents exceed the limits: the classic zip bomb is a few kilobytes that unpack to
 * gigabytes. Sizes an archive lies about are caught by the worker's memory and time limit.
 */
async function checkArchive(content: Buffer, fileName: string, limits: DocumentLimits): Promise<void> {
  // yauzl loads with the first DOCX upload, not with every start.
  const { default: yauzl } = await import('yauzl');
  const zip = await new Promise<ZipFile>((resolve, reject) => {
    yauzl.fromBuffer(content, { lazyEntries: true }, (error, opened) => (error ? reject(error) : resolve(opened)));
  }).catch((error: Error) => {
    throw new AppError('invalid_input', `${fileName}: not a zip archive (${error.message})`, { german: `Die Datei ${fileName} ist keine gültige Word-Datei (DOCX).` });
  });
  try {
    if (zip.entryCount > limits.maxArchiveEntries) {
      throw tooLarge(fileName, `${zip.entryCount} archive entries`, `Sie enthält ${zip.entryCount} Teile, erlaubt sind ${limits.maxArchiveEntries}.`);
    }
    let unpacked = 0;
    await new Promise<void>((resolve, reject) => {
      zip.on('entry', (entry: Entry) => {
        unpacked += entry.uncompressedSize;
        if (unpacked > limits.maxUnpackedBytes) {
          reject(tooLarge(fileName, `unpacks to more than ${limits.maxUnpackedBytes} bytes`, `Entpackt wäre sie größer als ${megabytes(limits.maxUnpackedBytes)}.`));
          return;
        }
        zip.readEntry();
      });
      zip.on('end', resolve);
      zip.on('error', (error: Error) => reject(new AppError('invalid_input', `${fileName}: damaged archive (${error.message})`, { german: `Die Word-Datei ${fileName} ist beschädigt.` })));
      zip.readEntry();
    });
  } finally {
    zip.close();
  }
}

function checkTextLength(length: number, fileName: string, limits: DocumentLimits): void {
  if (length > limits.maxTextChars) {
    throw tooLarge(fileName, `more than ${limits.maxTextChars} characters of text`, `Sie enthält mehr als ${limits.maxTextChars.toLocaleString('de-DE')} Zeichen Text.`);
  }
}

async function readDocx(content: Buffer, fileName: string, limits: DocumentLimits): Promise<{ title?: string; text: string }> {
  await checkArchive(content, fileName, limits);
  const mammoth = await import('mammoth');
  const { value: markdown } = await (mammoth.default as unknown as { convertToMarkdown(input: { buffer: Buffer }): Promise<{ value: string }> })
    .convertToMarkdown({ buffer: content })
    .catch((error: Error) => {
      // jszip refuses parts whose unpacked size differs from the declared one; mammoth refuses files without a document part.
      throw new AppError('invalid_input', `${fileName}: unreadable DOCX (${error.message})`, { german: `Die Word-Datei ${fileName} ist beschädigt oder keine DOCX-Datei.` });
    });
  checkTextLength(markdown.length, fileName, limits);
  const cleaned = markdown.replace(/__(.+?)__/g, '$1').replace(/\\([.\-()!])/g, '$1');
  return { title: /^#\s+(.+)$/m.exec(cleaned)?.[1]?.trim(), text: cleaned };
}

/** Page by page, stopping at the page or text limit instead of extracting everything first. */
async function readPdfPages(content: Buffer, fileName: string, limits: DocumentLimits): Promise<string[]> {
  const { getDocumentProxy } = await import('unpdf');
  const pdf = await getDocumentProxy(new Uint8Array(content)).catch((error: Error) => {
    throw new AppError('invalid_input', `${fileName}: unreadable PDF (${error.message})`, { german: `Die PDF-Datei ${fileName} ist beschädigt oder verschlüsselt.` });
  });
  try {
    if (pdf.numPages > limits.maxPdfPages) {
      throw tooLarge(fileName, `${pdf.numPages} pages`, `Sie hat ${pdf.numPages} Seiten, erlaubt sind ${limits.maxPdfPages}.`);
    }
    const pages: string[] = [];
    let characters = 0;
    for (let number = 1; number <= pdf.numPages; number += 1) {
      const page = await pdf.getPage(number);
      const textContent = await page.getTextContent();
      const text = textContent.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : '') : '')).join('');
      page.cleanup();
      characters += text.length;
      checkTextLength(characters, fileName, limits);
      pages.push(text);
    }
    return pages;
  } finally {
    await pdf.destroy();
  }
}

/**
 * Reads one knowledge file: Markdown directly, DOCX through mammoth (which keeps headings, so
 * sections survive), PDF through unpdf (page by page; a PDF has no headings to split at). Limits
 * are checked before and while reading; run it through `createDocumentReader` so that a document
 * that still overwhelms the parser ends a worker process, not the service.
 */
export async function readDocumentFile(filePath: string, limits: DocumentLimits = defaultDocumentLimits): Promise<ParsedDocument> {
  const extension = path.extname(filePath).toLowerCase();
  const fileName = path.basename(filePath);
  const content = await readFile(filePath);
  const key = fileName.replace(/\.[^.]+$/, '');
  if (extension === '.md' || extension === '.markdown') {
    const text = content.toString('utf8');
    checkTextLength(text.length, fileName, limits);
    return parseMarkdownDocument(text, filePath);
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
    const { title = key, text } = await readDocx(content, fileName, limits);
    const sections = splitAtHeadings(text, title);
    if (sections.length === 0) throw new AppError('invalid_input', `No text in ${filePath}`, { german: `Die Datei ${fileName} enthält keinen Text.` });
    return { ...base, title, sections };
  }
  if (extension === '.pdf') {
    const sections = (await readPdfPages(content, fileName, limits))
      .map((pageText, index) => ({ path: [`Seite ${index + 1}`], text: pageText.trim(), sourceUrls: [], questions: [] }))
      .filter((section) => section.text.length > 0);
    if (sections.length === 0) throw new AppError('invalid_input', `No text layer in ${filePath}`, { german: `Die PDF-Datei ${fileName} enthält keinen auslesbaren Text, vermutlich ist sie ein Scan. Bitte laden Sie eine PDF-Datei mit Textebene oder eine Word-Datei hoch.` });
    return { ...base, title: key, sections };
  }
  throw new AppError('invalid_input', `Unsupported file type ${extension}`, { german: `Dateityp ${extension} wird nicht unterstützt.` });
}
