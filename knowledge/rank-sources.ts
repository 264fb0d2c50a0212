/**
 * How much a source can be relied on for MV's DigitalPakt, by its host: the state's own bodies and
 * the federal programme first, then other public bodies, then everything else. Press and
 * municipal minutes report what others decided; other states' rules do not apply in MV.
 */
export type SourceKind = 'official' | 'federal' | 'municipal' | 'other_state' | 'press';

const officialHosts = ['bildung-mv.de', 'regierung-mv.de', 'lfi-mv.de', 'ego-mv.de', 'mv.de', 'landesrecht-mv.de'];
const federalHosts = ['digitalpaktschule.de', 'bmbf.de', 'bmbfsfj.bund.de', 'bundestag.de', 'kmk.org'];
const otherStateHosts = ['schulministerium.nrw', 'km-bw.de', 'l-bank.de', 'niedersachsen.de', 'voris.wolterskluwer-online.de', 'digitalpakt.rlp.de', 'magdeburg.de', 'schleswig-holstein.de', 'kb.lra-sm.de', 'readkong.com'];

const kindOrder: SourceKind[] = ['official', 'federal', 'municipal', 'other_state', 'press'];

/** A German label for sources that are not an official statement, shown next to the citation. */
export const sourceKindLabels: Partial<Record<SourceKind, string>> = {
  municipal: 'Sitzungsunterlage einer Kommune',
  other_state: 'Regelung eines anderen Landes, nicht gültig für MV',
  press: 'Pressebericht',
};

function hostOf(url: string): string {
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return '';
  }
}

const isUnder = (host: string, domains: string[]) => domains.some((domain) => host === domain || host.endsWith(`.${domain}`));

export function sourceKindOf(url: string): SourceKind {
  const host = hostOf(url);
  // Council information systems of MV's municipalities (*.sitzung-mv.de) and town websites.
  if (host.endsWith('sitzung-mv.de') || ['schwerin.de', 'rostock.de', 'luebeck.org'].some((town) => isUnder(host, [town]))) return 'municipal';
  if (isUnder(host, otherStateHosts)) return 'other_state';
  if (isUnder(host, officialHosts)) return 'official';
  if (isUnder(host, federalHosts)) return 'federal';
  return 'press';
}

/** The URLs ordered by authority (stable within a tier: the author's order). */
export function rankSourcesByAuthority(urls: string[]): string[] {
  return urls
    .map((url, position) => ({ url, position, rank: kindOrder.indexOf(sourceKindOf(url)) }))
    .sort((left, right) => left.rank - right.rank || left.position - right.position)
    .map(({ url }) => url);
}
