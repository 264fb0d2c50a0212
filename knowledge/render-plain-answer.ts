import type { Citation } from './knowledge-answer.ts';

/** Plain-text rendering of an answer with its sources (command line, email). */
export function renderPlainAnswer({ text, citations }: { text: string; citations: Citation[] }): string {
  if (citations.length === 0) return text;
  const sources = citations.map((citation) => {
    const where = [citation.title, citation.section].filter(Boolean).join(', Abschnitt „') + (citation.section ? '“' : '');
    return `- ${where}${citation.source ? `: ${citation.source}` : ''}`;
  });
  return `${text}\n\nQuellen:\n${sources.join('\n')}`;
}
