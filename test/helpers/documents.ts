import JSZip from 'jszip';

/** A minimal but valid PDF with a text layer, built byte by byte (correct xref offsets); every page shows the same lines. */
export function buildPdf(lines: string[], { pages = 1 }: { pages?: number } = {}): Buffer {
  const content = ['BT', '/F1 12 Tf', '72 720 Td', '14 TL', ...lines.map((line) => `(${line.replace(/[()\\]/g, '\\$&')}) '`), 'ET'].join('\n');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    `<< /Type /Pages /Kids [${Array.from({ length: pages }, (_, index) => `${index + 5} 0 R`).join(' ')}] /Count ${pages} >>`,
    `<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
    ...Array.from({ length: pages }, () => '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 3 0 R /Resources << /Font << /F1 4 0 R >> >> >>'),
  ];
  let pdf = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, index) => {
    offsets.push(Buffer.byteLength(pdf, 'latin1'));
    pdf += `${index + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(pdf, 'latin1');
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`).join('')}`;
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(pdf, 'latin1');
}

/**
 * A minimal DOCX: headings (style "heading 1"/"heading 2") and paragraphs; `extraEntries` adds
 * that many tiny parts, and `compress` deflates (as Word does) instead of storing.
 */
export async function buildDocx(blocks: { heading?: 1 | 2; text: string }[], { extraEntries = 0, compress = false }: { extraEntries?: number; compress?: boolean } = {}): Promise<Buffer> {
  const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const paragraphs = blocks
    .map(({ heading, text }) => `<w:p>${heading ? `<w:pPr><w:pStyle w:val="Heading${heading}"/></w:pPr>` : ''}<w:r><w:t>${escape(text)}</w:t></w:r></w:p>`)
    .join('');
  const zip = new JSZip();
  zip.file('[Content_Types].xml', '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/></Types>');
  zip.file('_rels/.rels', '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>');
  zip.file('word/_rels/document.xml.rels', '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>');
  zip.file('word/styles.xml', '<?xml version="1.0" encoding="UTF-8"?><w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/></w:style><w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/></w:style></w:styles>');
  zip.file('word/document.xml', `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${paragraphs}</w:body></w:document>`);
  for (let index = 0; index < extraEntries; index += 1) zip.file(`customXml/item${index}.xml`, '<a/>');
  return zip.generateAsync({ type: 'nodebuffer', compression: compress ? 'DEFLATE' : 'STORE', compressionOptions: { level: 9 } });
}

/**
 * A zip bomb shaped as a DOCX: one paragraph of `unpackedBytes` letters, deflated to about a
 * thousandth of that. With `declaredSize` the archive lies about the unpacked size of
 * word/document.xml in both its local header and its central directory, as hostile ones do.
 */
export async function buildDocxBomb({ unpackedBytes, declaredSize }: { unpackedBytes: number; declaredSize?: number }): Promise<Buffer> {
  const bomb = await buildDocx([{ heading: 1, text: 'Bombe' }, { text: 'A'.repeat(unpackedBytes) }], { compress: true });
  if (declaredSize === undefined) return bomb;
  const name = Buffer.from('word/document.xml');
  // Local file header: signature PK\x03\x04, uncompressed size at offset 22, name at 30.
  // Central directory header: signature PK\x01\x02, uncompressed size at offset 24, name at 46.
  for (const [signature, sizeOffset, nameOffset] of [[0x04034b50, 22, 30], [0x02014b50, 24, 46]] as const) {
    for (let offset = 0; offset < bomb.length - nameOffset; offset += 1) {
      if (bomb.readUInt32LE(offset) === signature && bomb.subarray(offset + nameOffset, offset + nameOffset + name.length).equals(name)) {
        bomb.writeUInt32LE(declaredSize, offset + sizeOffset);
      }
    }
  }
  return bomb;
}
