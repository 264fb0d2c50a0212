import { createHash } from 'node:crypto';
import path from 'node:path';
import { lazily } from '../load-lazily.ts';

// Front matter is read only when a document is new or changed, not on every start.
const yaml = lazily<typeof import('yaml')>('yaml');

/** One section of a document: its heading path (for citations), text, the URLs it cites and the questions it answers. */
export interface DocumentSection {
  path: string[];
  text: string;
  sourceUrls: string[];
  /** "Fragen: … ; …" lines: how people ask for what this section says (indexed with high weight, never shown). */
  questions: string[];
}

export interface ParsedDocument {
  key: string;
  title: string;
  sourcePath: string;
  contentHash: string;
  sourceUrls: string[];
  validFrom: Date | null;
  validUntil: Date | null;
  audience: string | null;
  programme: string | null;
  sections: DocumentSection[];
}

interface FrontMatter {
  id?: string;
  title?: string;
  sources?: string[];
  valid_from?: string | Date;
  valid_until?: string | Date;
  audience?: string;
  programme?: string;
}

const sourceLine = /^Quellen?:\s*(.+)$/im;
const questionLine = /^Fragen?:\s*(.+)$/im;

/**
 * Parses a Markdown document with YAML front matter into sections split at headings. A section's
 * closing "Quellen: url ; url" line becomes its source URLs and its "Fragen: … ; …" line the
 * questions it answers; both are kept out of the text.
 */
export function parseMarkdownDocument(content: string, sourcePath: string): ParsedDocument {
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/.exec(content);
  const frontMatter = (match ? yaml().parse(match[1] ?? '') : {}) as FrontMatter | null;
  const body = match ? content.slice(match[0].length) : content;
  const key = frontMatter?.id ?? path.basename(sourcePath).replace(/\.[^.]+$/, '');
  const documentTitle = frontMatter?.title ?? /^#\s+(.+)$/m.exec(body)?.[1]?.trim() ?? key;
  return {
    key,
    title: documentTitle,
    sourcePath,
    contentHash: hashContent(content),
    sourceUrls: frontMatter?.sources ?? [],
    validFrom: toDate(frontMatter?.valid_from),
    validUntil: toDate(frontMatter?.valid_until),
    audience: frontMatter?.audience ?? null,
    programme: frontMatter?.programme ?? null,
    sections: splitAtHeadings(body, documentTitle),
  };
}

export function hashContent(content: string | Buffer): string {
  return createHash('sha256').update(content).digest('hex');
}

function toDate(value: string | Date | undefined): Date | null {
  if (!value) return null;
  const date = value instanceof Date ? value : new Date(String(value));
  return Number.isNaN(date.getTime()) ? null : date;
}

/** Splits Markdown into sections at #..#### headings, tracking the heading path below the title. */
export function splitAtHeadings(markdown: string, documentTitle: string): DocumentSection[] {
  const sections: DocumentSection[] = [];
  const headingStack: { level: number; text: string }[] = [];
  let lines: string[] = [];

  function flush(): void {
    const raw = lines.join('\n').trim();
    lines = [];
    if (!raw) return;
    const urls = [...raw.matchAll(new RegExp(sourceLine.source, 'gim'))].flatMap((line) =>
      (line[1] ?? '').split(/\s*;\s*/).map((url) => url.trim()).filter((url) => /^https?:\/\//.test(url)),
    );
    const questions = [...raw.matchAll(new RegExp(questionLine.source, 'gim'))].flatMap((line) => (line[1] ?? '').split(/\s*;\s*/).map((question) => question.trim()).filter(Boolean));
    const text = raw.replace(new RegExp(sourceLine.source, 'gim'), '').replace(new RegExp(questionLine.source, 'gim'), '').trim();
    if (!text) return;
    const headingPath = headingStack.map((heading) => heading.text).filter((heading) => heading !== documentTitle);
    sections.push({ path: headingPath, text, sourceUrls: urls, questions });
  }

  for (const line of markdown.split(/\r?\n/)) {
    const heading = /^(#{1,4})\s+(.+?)\s*#*$/.exec(line);
    if (heading) {
      flush();
      const level = heading[1]!.length;
      while (headingStack.length > 0 && headingStack[headingStack.length - 1]!.level >= level) headingStack.pop();
      headingStack.push({ level, text: heading[2]!.trim() });
    } else {
      lines.push(line);
    }
  }
  flush();
  return sections;
}
