import { describe, expect, it } from 'vitest';
import { createBoundedCache, createGermanAnalyzer, fold, withoutInfinitiveZu } from '../../knowledge/german-analyzer.ts';
import { cleanQuestion, expandQuestion } from '../../knowledge/clean-question.ts';
import { classifyQuestionScope } from '../../knowledge/question-scope.ts';

describe('German analysis', () => {
  it('folds umlauts, ß and their ae/oe/ue spellings alike', () => {
    expect(fold('Förderfähigkeit')).toBe(fold('Foerderfaehigkeit'));
    expect(fold('Schulträger')).toBe(fold('Schultraeger'));
    expect(fold('Maßnahme')).toBe('massnahme');
  });

  it('splits compounds into parts the corpus knows', () => {
    const analyzer = createGermanAnalyzer();
    analyzer.learnVocabulary(['Fördermittel werden beim Abruf erstattet', 'Der Plan der Medien und ihre Entwicklung']);
    expect(analyzer.analyze('Fördermittelabruf')).toEqual(expect.arrayContaining(['abruf']));
    expect(analyzer.analyze('Medienentwicklungsplan')).toEqual(expect.arrayContaining(['plan', 'mep']));
  });

  it('splits a compound whose last part is inflected, and one with a modifier the corpus does not know by its head', () => {
    const analyzer = createGermanAnalyzer();
    analyzer.learnVocabulary(['Das Netzwerk braucht ein Kabel', 'Jede Schule und ihre Planung']);
    expect(analyzer.analyze('Netzwerkkabeln')).toEqual(expect.arrayContaining(['netzwerk', 'kabel']));
    expect(analyzer.analyze('Waldorfschule')).toContain('schul');
    expect(analyzer.isCompoundOfKnownParts('waldorfschule')).toBe(true);
    // A known modifier is searched, but it does not make the word known: a homepage is not a school.
    expect(analyzer.analyze('Schulhomepage')).toContain('schul');
    expect(analyzer.isCompoundOfKnownParts('schulhomepage')).toBe(false);
    // Derivations are no compounds: "Schulungen" is not about schools.
    expect(analyzer.analyze('Schulungen')).not.toContain('schul');
  });

  it('reads the zu-infinitive of a separable verb as the verb', () => {
    const analyzer = createGermanAnalyzer();
    analyzer.learnVocabulary([]);
    expect(analyzer.analyze('abzurechnen')[0]).toBe(analyzer.analyze('abrechnen')[0]);
    expect(analyzer.analyze('anzuschaffen')[0]).toBe(analyzer.analyze('anschaffen')[0]);
    expect(analyzer.analyze('zurückzuzahlen')[0]).toBe(analyzer.analyze('zurückzahlen')[0]);
    // Words that only look like one stay as they are.
    expect(withoutInfinitiveZu('auszubildende')).toBe('auszubildende');
    expect(withoutInfinitiveZu('zuzahlen')).toBe('zuzahlen');
    expect(withoutInfinitiveZu('abzug')).toBe('abzug');
  });

  it('expands the programme abbreviations both ways', () => {
    const analyzer = createGermanAnalyzer();
    analyzer.learnVocabulary([]);
    expect(analyzer.analyze('MBK')).toEqual(expect.arrayContaining(analyzer.analyze('Medienbildungskonzept').slice(0, 1)));
    expect(analyzer.analyze('Medienbildungskonzept')).toContain('mbk');
    expect(analyzer.analyze('Roll-Out-Plan')).toContain('rop');
    expect(analyzer.analyze('LFI')).toEqual(expect.arrayContaining(analyzer.analyze('Landesförderinstitut').slice(0, 1)));
  });

  it("reads separated verbs and everyday words as the documents' terms", () => {
    expect(expandQuestion('Wer segnet das MBK ab?')).toContain('Beschluss');
    expect(expandQuestion('Wie rufen wir die Fördermittel beim LFI ab?')).toContain('Mittelabruf');
    // "ab" that is no particle of the verb adds nothing.
    expect(expandQuestion('Wir rufen ab morgen an.')).not.toContain('Mittelabruf');
    expect(expandQuestion('Ist das ein Darlehen?')).toContain('Zuschuss');
    expect(expandQuestion('Werden die Mittel nach dem Windhundprinzip vergeben?')).not.toContain('Vergaberecht');
    expect(expandQuestion('Muss der Auftrag ausgeschrieben werden?')).toContain('Vergaberecht');
  });

  it('hears money counted per school, but not a limit or a document per school', () => {
    for (const question of ['wir haben 3 schulen, kriegen wir dreimal den sockel?', 'Gibt es Geld für jede einzelne Schule oder nur pro Schulträger?', 'Bekommt jede Schule das Geld oder der Träger?']) {
      expect(expandQuestion(question)).toContain('Dienststellennummer');
    }
    for (const question of ['Gilt die 25.000-Euro-Grenze für jede Schule?', 'Brauchen wir für jede Schule ein eigenes Medienbildungskonzept?', 'Muss für jede Schule ein eigener Antrag gestellt werden?', 'Wie oft können wir Geld abrufen, mehrmals im Jahr?']) {
      expect(expandQuestion(question)).not.toContain('Dienststellennummer');
    }
  });

  it('drops greeting and signature of a mail', () => {
    const mail = 'Sehr geehrte Damen und Herren,\n\nwie hoch ist der Sockel?\n\nMit freundlichen Grüßen\nErika Muster\nAmt Grabow';
    expect(cleanQuestion(mail)).toBe('wie hoch ist der Sockel?');
  });

  it('tells programme questions from foreign topics', () => {
    expect(classifyQuestionScope('Wann beginnen die Sommerferien 2027 in MV?')).toBe('out_of_scope');
    expect(classifyQuestionScope('Wie beantrage ich Elterngeld in Mecklenburg-Vorpommern?')).toBe('out_of_scope');
    expect(classifyQuestionScope('Ist WLAN förderfähig?')).toBe('in_scope');
    expect(classifyQuestionScope('Bis wann muss der Verwendungsnachweis beim LFI sein?')).toBe('in_scope');
  });
});

describe('bounded cache', () => {
  it('keeps at most its capacity, keeps what is in use, and forgets what is not', () => {
    const cache = createBoundedCache<string, number>(100);
    cache.set('used', 1);
    for (let index = 0; index < 1_000; index += 1) {
      cache.set(`word ${index}`, index);
      // Read now and then, the entry in use survives every generation change.
      if (index % 20 === 0) expect(cache.get('used')).toBe(1);
    }
    const kept = Array.from({ length: 1_000 }, (_, index) => cache.get(`word ${index}`)).filter((value) => value !== undefined);
    expect(kept.length).toBeLessThanOrEqual(100);
    expect(kept.length).toBeGreaterThanOrEqual(50);
    // The newest entries are kept, the oldest forgotten.
    expect(cache.get('word 999')).toBe(999);
    expect(cache.get('word 0')).toBeUndefined();
  });
});
