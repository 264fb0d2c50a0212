/** Lower case with ä/ö/ü/ß spelled ae/oe/ue/ss, so "Förderjahr" and "foerderjahr" match alike. */
export function foldUmlauts(text: string): string {
  return text.toLowerCase().replace(/ä/g, 'ae').replace(/ö/g, 'oe').replace(/ü/g, 'ue').replace(/ß/g, 'ss');
}
