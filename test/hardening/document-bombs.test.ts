import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createDocumentReader } from '../../knowledge/create-document-reader.ts';
import { defaultDocumentLimits } from '../../knowledge/read-document-file.ts';
import { buildDocx, buildDocxBomb, buildPdf } from '../helpers/documents.ts';
import { temporaryDirectory } from '../helpers/processes.ts';
import { useRunningService } from '../helpers/running-service.ts';
import { slowestHealthz } from '../helpers/slowest-healthz.ts';

// Knowledge uploads as a hostile admin account (or a forwarded file) would send them: zip bombs
// with honest and with lying headers, archives of thousands of parts, PDFs of thousands of pages.
// Each is refused with a German 413 while the service keeps answering.
describe('knowledge document bombs', () => {
  // A small heap for the document worker, so that a bomb which lies about its size meets it.
  const running = useRunningService({ DOCUMENT_PARSE_MAX_MEMORY_MB: '64' });

  async function upload(fileName: string, bytes: Buffer) {
    const { baseUrl, adminToken } = running();
    const response = await fetch(`${baseUrl}/api/advisor/knowledge/documents?fileName=${encodeURIComponent(fileName)}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/octet-stream' },
      body: new Uint8Array(bytes),
    });
    return { status: response.status, body: (await response.json()) as { error?: { code: string; message: string }; report?: { added: string[] } } };
  }

  it.each([
    ['a DOCX that declares 60 MB of text in 60 KB', () => buildDocxBomb({ unpackedBytes: 60_000_000 }), /Entpackt wäre sie größer als 50 MB/],
    ['a DOCX of 2 100 parts', () => buildDocx([{ text: 'Inhalt' }], { extraEntries: 2100 }), /2\d{3} Teile, erlaubt sind 2000/],
    ['a PDF of 1 001 pages', async () => buildPdf(['Seite'], { pages: 1001 }), /1001 Seiten, erlaubt sind 1000/],
    ['a DOCX that lies about its unpacked size', () => buildDocxBomb({ unpackedBytes: 60_000_000, declaredSize: 1000 }), /beschädigt/],
    ['a DOCX of 20 MB of text', () => buildDocxBomb({ unpackedBytes: 20_000_000 }), /mehr als 5\.000\.000 Zeichen Text/],
  ])('refuses %s with a German error while /healthz keeps answering', async (name, build, reason) => {
    const bytes = await build();
    expect(bytes.length).toBeLessThan(10 * 1024 * 1024);
    let result: Awaited<ReturnType<typeof upload>> | undefined;
    const slowest = await slowestHealthz(running().baseUrl, upload(name.includes('PDF') ? 'bombe.pdf' : 'bombe.docx', bytes).then((answer) => (result = answer)));
    expect(result!.status, JSON.stringify(result!.body)).toBeGreaterThanOrEqual(400);
    expect(result!.status).toBeLessThan(500);
    expect(result!.body.error?.message).toMatch(reason);
    expect(result!.body.error?.message).toMatch(/^Die (Word-|PDF-)?Datei bombe/);
    expect(slowest).toBeLessThan(2000);
    // Nothing of a refused file reaches the knowledge base.
    expect(await running().service.database.prisma.knowledgeDocument.count({ where: { key: 'bombe' } })).toBe(0);
  }, 60_000);

  it('still accepts a real document after the refusals', async () => {
    const answer = await upload('handreichung-wlan.docx', await buildDocx([{ heading: 1, text: 'Handreichung WLAN' }, { heading: 2, text: 'Ausleuchtung' }, { text: 'Jeder Unterrichtsraum erhält einen eigenen Access Point.' }], { compress: true }));
    expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    expect(answer.body.report?.added).toEqual(['handreichung-wlan']);
  }, 60_000);
});

describe('document reader limits', () => {
  it('refuses a document that takes longer than the time limit', async () => {
    const directory = await temporaryDirectory();
    const file = path.join(directory, 'merkblatt.pdf');
    await writeFile(file, buildPdf(['Merkblatt'], { pages: 3 }));
    // No worker process starts, let alone parses, within a millisecond.
    const hurried = createDocumentReader({ timeoutMs: 1, maxMemoryMb: 128 });
    await expect(hurried.read(file)).rejects.toMatchObject({ code: 'payload_too_large', german: expect.stringContaining('länger als 1 Sekunde') });
    await hurried.close();
    const patient = createDocumentReader({ timeoutMs: 30_000, maxMemoryMb: 128 });
    expect((await patient.read(file)).sections.map((section) => section.path)).toEqual([['Seite 1'], ['Seite 2'], ['Seite 3']]);
    await patient.close();
  }, 60_000);

  it('refuses a document that exceeds the heap limit of its worker process, and reads the next one', async () => {
    const directory = await temporaryDirectory();
    const heavy = path.join(directory, 'schwer.docx');
    await writeFile(heavy, await buildDocxBomb({ unpackedBytes: 45_000_000 }));
    const light = path.join(directory, 'leicht.pdf');
    await writeFile(light, buildPdf(['Merkblatt']));
    // Text limits lifted so that the heap limit is what stops it; the worker process dies, this process does not.
    const reader = createDocumentReader({ timeoutMs: 30_000, maxMemoryMb: 32, limits: { ...defaultDocumentLimits, maxTextChars: 100_000_000 } });
    await expect(reader.read(heavy)).rejects.toMatchObject({ code: 'payload_too_large', german: expect.stringContaining('mehr als 32 MB Arbeitsspeicher') });
    expect((await reader.read(light)).sections).toHaveLength(1);
    await reader.close();
  }, 60_000);
});
