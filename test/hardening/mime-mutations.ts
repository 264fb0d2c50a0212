import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { projectRoot } from '../helpers/processes.ts';

/** A small seeded PRNG (mulberry32): the same seed gives the same cases on every machine. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return function next() {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const inbox = 'schul-it@ego-mv.example';

/** A multipart message with text, HTML, an attachment and encoded words: more structure to break. */
function multipartSample(): Buffer {
  return Buffer.from(
    [
      'From: =?utf-8?Q?J=C3=BCrgen_M=C3=BCller?= <juergen@amt-beispiel.de>',
      `To: ${inbox}`,
      'Subject: =?utf-8?B?w4RuZGVydW5nIEbDtnJkZXJqYWhy?=',
      'Message-ID: <fuzz-base-1@amt-beispiel.de>',
      'MIME-Version: 1.0',
      'Content-Type: multipart/mixed; boundary="outer-b"',
      '',
      '--outer-b',
      'Content-Type: multipart/alternative; boundary="inner-b"',
      '',
      '--inner-b',
      'Content-Type: text/plain; charset=utf-8',
      'Content-Transfer-Encoding: quoted-printable',
      '',
      'Bitte verschieben Sie die Grundschule Am See (90000101) im ROP von 2024 auf 2026.=0D=0AGr=C3=BC=C3=9Fe',
      '--inner-b',
      'Content-Type: text/html; charset=utf-8',
      '',
      '<p>Bitte <b>verschieben</b> Sie die Grundschule Am See</p><script>alert(1)</script>',
      '--inner-b--',
      '--outer-b',
      'Content-Type: application/pdf; name="antrag.pdf"',
      'Content-Disposition: attachment; filename="antrag.pdf"',
      'Content-Transfer-Encoding: base64',
      '',
      Buffer.from('%PDF-1.4 kleiner Antrag '.repeat(20)).toString('base64').replace(/.{76}/g, '$&\r\n'),
      '--outer-b--',
      '',
    ].join('\r\n'),
  );
}

function latin1Sample(): Buffer {
  return Buffer.concat([
    Buffer.from(`From: Amt <amt@gemeinde.example>\r\nTo: ${inbox}\r\nSubject: =?iso-8859-1?Q?F=F6rderantrag?=\r\nMessage-ID: <fuzz-base-2@gemeinde.example>\r\nContent-Type: text/plain; charset="iso-8859-1"\r\nContent-Transfer-Encoding: 8bit\r\n\r\n`),
    Buffer.from('Wann wird über unseren Förderantrag entschieden? Grüße aus Güstrow\r\n', 'latin1'),
  ]);
}

/** The recorded fixtures plus two built samples. */
export async function loadSeedMessages(): Promise<{ name: string; raw: Buffer }[]> {
  const directory = path.join(projectRoot, 'test/fixtures/mail');
  const fixtures = ['lhost-postfix-01.eml', 'rfc3834-01.eml', 'email_german_outlook.txt', 'one-file.tnef'];
  const loaded = await Promise.all(fixtures.map(async (name) => ({ name, raw: await readFile(path.join(directory, name)) })));
  return [...loaded, { name: 'multipart', raw: multipartSample() }, { name: 'latin1', raw: latin1Sample() }];
}

type Mutation = (raw: Buffer, random: () => number) => Buffer;

const pick = <T>(items: readonly T[], random: () => number): T => items[Math.floor(random() * items.length)]!;

function splitHead(raw: Buffer): { head: string; body: Buffer } {
  const text = raw.toString('latin1');
  const end = text.search(/\r?\n\r?\n/);
  if (end < 0) return { head: text, body: Buffer.alloc(0) };
  return { head: text.slice(0, end), body: raw.subarray(Buffer.byteLength(text.slice(0, end), 'latin1')) };
}

const join = (head: string, body: Buffer) => Buffer.concat([Buffer.from(head, 'latin1'), body]);

export const mutations: Record<string, Mutation> = {
  byteFlips(raw, random) {
    const copy = Buffer.from(raw);
    const flips = 1 + Math.floor(random() * 20);
    for (let index = 0; index < flips; index += 1) copy[Math.floor(random() * copy.length)] = Math.floor(random() * 256);
    return copy;
  },
  truncation(raw, random) {
    return raw.subarray(0, Math.floor(random() * raw.length));
  },
  headerDuplication(raw, random) {
    const { head, body } = splitHead(raw);
    const lines = head.split(/\r?\n/);
    // Only lines of a legal length (998), so that chained mutations stay within a few megabytes.
    const line = pick(lines.filter((candidate) => candidate.length <= 998), random) ?? 'X-Dup: 1';
    const copies = 1 + Math.floor(random() * 2000);
    return join([...lines, ...Array.from({ length: copies }, () => line)].join('\r\n'), body);
  },
  boundaryDamage(raw, random) {
    const text = raw.toString('latin1');
    const boundary = /boundary="?([^";\r\n]+)"?/i.exec(text)?.[1];
    if (!boundary) return Buffer.from(text.replace(/\r?\n\r?\n/, '\r\nContent-Type: multipart/mixed; boundary=""\r\n\r\n'), 'latin1');
    const damaged = pick([boundary.slice(0, -1), `${boundary}--`, '', boundary.toUpperCase(), `${boundary}\u0000`], random);
    const occurrences = text.split(`--${boundary}`);
    // Damage some of the delimiter lines, not all, so that parts overlap or never close.
    return Buffer.from(occurrences.map((part, index) => (index === 0 ? part : `${random() < 0.5 ? `--${damaged}` : `--${boundary}`}${part}`)).join(''), 'latin1');
  },
  hugeHeader(raw, random) {
    const { head, body } = splitHead(raw);
    // One in fifty is over mailparser's 1 MB header limit (expensive; the dedicated test covers it too).
    const size = random() < 0.02 ? 1_100_000 : 20_000 + Math.floor(random() * 200_000);
    const value = random() < 0.5 ? 'A'.repeat(size) : Array.from({ length: size / 50 }, (_, index) => `=?utf-8?B?${Buffer.from(`Teil ${index} äöü`).toString('base64')}?=`).join(' ');
    return join(`${head}\r\n${pick(['Subject', 'X-Long', 'References', 'To'], random)}: ${value}`, body);
  },
  deepNesting(raw, random) {
    const depth = 50 + Math.floor(random() * 450);
    const parts: string[] = [`From: tief@example.org\r\nTo: ${inbox}\r\nSubject: tief\r\nMessage-ID: <deep-${depth}@example.org>\r\nMIME-Version: 1.0\r\n`];
    for (let level = 0; level < depth; level += 1) parts.push(`Content-Type: multipart/mixed; boundary="b${level}"\r\n\r\n--b${level}\r\n`);
    parts.push(`Content-Type: text/plain\r\n\r\n${raw.toString('latin1').slice(0, 500)}\r\n`);
    for (let level = depth - 1; level >= 0; level -= 1) if (random() < 0.8) parts.push(`--b${level}--\r\n`);
    return Buffer.from(parts.join(''), 'latin1');
  },
  badCharset(raw, random) {
    const charset = pick(['x-unknown-4711', 'utf-7', 'iso-2022-jp', 'utf-16', '"', '', 'utf-8\u0000', 'windows-99999', 'ebcdic-cp-de'], random);
    const text = raw.toString('latin1');
    const replaced = /charset=/i.test(text) ? text.replace(/charset="?[^";\s]*"?/gi, `charset="${charset}"`) : text.replace(/\r?\n\r?\n/, `\r\nContent-Type: text/plain; charset="${charset}"\r\n\r\n`);
    return Buffer.from(replaced + (random() < 0.5 ? '\r\n=?x-bogus?Q?kaputt=ZZ?= \u00ff\u00fe' : ''), 'latin1');
  },
  base64Garbage(raw, random) {
    const { head } = splitHead(raw);
    const cleaned = head.replace(/^Content-(Type|Transfer-Encoding):.*(\r?\n[ \t].*)*$/gim, '').replace(/(\r?\n){2,}/g, '\r\n');
    const garbage = Buffer.from(Array.from({ length: 200 + Math.floor(random() * 20_000) }, () => Math.floor(random() * 256))).toString('latin1');
    const type = pick(['text/plain; charset=utf-8', 'application/octet-stream; name="x.bin"', 'message/rfc822', 'image/png'], random);
    return Buffer.from(`${cleaned}\r\nContent-Type: ${type}\r\nContent-Transfer-Encoding: base64\r\n\r\n${garbage}`, 'latin1');
  },
  encodedWordsAndAddresses(raw, random) {
    const { head, body } = splitHead(raw);
    const hostile = pick(
      [
        'From: "=?utf-8?B?////?=" <@@@>',
        'From: <>',
        'From: ' + 'a,'.repeat(5000),
        'Message-ID: <>',
        'Message-ID: ' + '<x@y>'.repeat(3000),
        'In-Reply-To: <' + 'r'.repeat(100_000) + '>',
        'Subject: =?utf-8?Q?=FF=FE=00?= =?utf-8?B?AAAA?=',
        'Date: 31 Feb 99999 25:61:61 +9999',
        'Content-Type: multipart/mixed',
        'Content-Type: text/plain; charset*=utf-8\'\'%FF%FE; format=flowed; delsp=yes',
        'Content-Disposition: attachment; filename*0*=utf-8\'\'%E4%F6; filename*1=../../../etc/passwd',
      ],
      random,
    );
    return join(`${head}\r\n${hostile}`, body);
  },
  lineEndings(raw, random) {
    const text = raw.toString('latin1');
    const mode = pick(['\r', '\n\r', '\r\r\n', '\u0000\n'], random);
    return Buffer.from(text.replace(/\r?\n/g, () => (random() < 0.3 ? mode : '\r\n')), 'latin1');
  },
};

export const mutationNames = Object.keys(mutations);

/** Case `index` of the seeded run: a seed message with one to three mutations applied. */
export function buildCase(seeds: { name: string; raw: Buffer }[], random: () => number): { label: string; raw: Buffer } {
  const seed = pick(seeds, random);
  let raw = seed.raw;
  const applied: string[] = [];
  const count = 1 + Math.floor(random() * 3);
  for (let step = 0; step < count; step += 1) {
    const name = pick(mutationNames, random);
    raw = mutations[name]!(raw, random);
    applied.push(name);
  }
  return { label: `${seed.name}:${applied.join('+')}`, raw };
}
