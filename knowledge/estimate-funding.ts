import { fold } from './german-analyzer.ts';

/**
 * The funding formula of the base programme for public schools, as the knowledge document
 * "foerderhoehe" (section "Berechnungsformel und Rechenbeispiel") states it with its sources:
 * (Sockelbetrag + pupils of the 2017/18 statistics × 340 EUR) × 1.1. Kept here so a question with a
 * school type and a pupil count gets the worked figure; the answer cites that section and says
 * that only the Zuwendungsbescheid is binding.
 */
const baseAmountBySchoolType: [RegExp, string, number][] = [
  [/grundschul/, 'Grundschule', 40_000],
  [/beruflich|berufsschul|berufsbildend/, 'berufliche Schule', 75_000],
  [/regional|gymnas|gesamtschul|forderschul|weiterfuhrend|oberschul/, 'weiterführende allgemeinbildende Schule (auch Förderschule)', 50_000],
];
const perPupil = 340;
const landShare = 1.1;

export interface FundingEstimate {
  schoolTypeLabel: string;
  pupils: number;
  baseAmount: number;
  total: number;
  text: string;
}

const euro = (value: number) => `${value.toLocaleString('de-DE', { maximumFractionDigits: 0 })} EUR`;

export function estimateFunding(question: string): FundingEstimate | null {
  const folded = fold(question);
  if (/ersatzschul|freie[rn]? trag|privat/.test(folded)) return null;
  // "230 Schüler", "80 Grundschüler", "120 Kinder".
  const pupilsMatch = /(\d{1,4}(?:\.\d{3})?)\s*(\w*schuler|kinder|\w*schulerinnen)/.exec(folded);
  const type = baseAmountBySchoolType.find(([pattern]) => pattern.test(folded));
  if (!pupilsMatch || !type) return null;
  const pupils = Number.parseInt(pupilsMatch[1]!.replace('.', ''), 10);
  if (!Number.isFinite(pupils) || pupils <= 0 || pupils > 5000) return null;
  const [, schoolTypeLabel, baseAmount] = type;
  const total = Math.round((baseAmount + pupils * perPupil) * landShare);
  const text =
    `Rechenbeispiel nach der Förderformel des DigitalPakts Schule 2019–2024 für eine ${schoolTypeLabel} mit ${pupils} Schülerinnen und Schülern: ` +
    `(${euro(baseAmount)} + ${pupils} × ${perPupil} EUR) × 1,1 = ${euro(total)}. ` +
    'Maßgeblich ist die Schülerzahl der amtlichen Schulstatistik 2017/2018, nicht die heutige; der Faktor 1,1 ist der Landesanteil von 10 %.';
  return { schoolTypeLabel, pupils, baseAmount, total, text };
}
