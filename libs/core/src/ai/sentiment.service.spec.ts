import { ANONYMOUS, type LexiconScore, SentimentEngine, type SentimentLanguage, SentimentService, UnauthenticatedError, userActor } from '../index';

/** Answers each language with a fixed score and records which lexicons were asked; the real engines have their own spec. */
class ScriptedEngine extends SentimentEngine {
  readonly asked: SentimentLanguage[] = [];
  constructor(private readonly scores: Record<SentimentLanguage, LexiconScore>) {
    super();
  }
  async score(_text: string, language: SentimentLanguage): Promise<LexiconScore> {
    this.asked.push(language);
    return this.scores[language];
  }
}

const me = userActor(1, 'user');
const none: LexiconScore = { total: 0, words: 4, hits: 0 };
const analyze = (scores: Partial<Record<SentimentLanguage, LexiconScore>>, language?: SentimentLanguage) => {
  const engine = new ScriptedEngine({ en: none, es: none, ...scores });
  return { engine, result: new SentimentService(engine).analyze(me, { text: 'any text', language }) };
};

describe('SentimentService', () => {
  it('reads a lexicon score as a sentiment between -1 and 1, with a confidence and a summary', async () => {
    await expect(analyze({ en: { total: 4, words: 5, hits: 2 } }, 'en').result).resolves.toEqual({
      sentiment: 'positive',
      score: 0.762,
      confidence: 0.845,
      summary: 'Positive: 2 of 5 words carry sentiment (score 0.762).',
      language: 'en',
    });
    await expect(analyze({ es: { total: -40, words: 2, hits: 2 } }, 'es').result).resolves.toMatchObject({ sentiment: 'negative', score: -1, confidence: 1 });
  });

  it('calls a faint score neutral, and a text without sentiment words neutral with low confidence', async () => {
    await expect(analyze({ en: { total: 0.3, words: 6, hits: 1 } }, 'en').result).resolves.toMatchObject({ sentiment: 'neutral', score: 0.075 });
    await expect(analyze({ en: { total: -0.5, words: 6, hits: 1 } }, 'en').result).resolves.toMatchObject({ sentiment: 'negative', score: -0.124 });
    await expect(analyze({}, 'en').result).resolves.toEqual({
      sentiment: 'neutral',
      score: 0,
      confidence: 0.2,
      summary: 'No sentiment-bearing words recognised; treated as neutral.',
      language: 'en',
    });
  });

  it('asks only the lexicon of the language given', async () => {
    const { engine, result } = analyze({ es: { total: 2, words: 3, hits: 3 } }, 'en');
    await expect(result).resolves.toMatchObject({ language: 'en', sentiment: 'neutral' });
    expect(engine.asked).toEqual(['en']);
  });

  it('without a language, uses the lexicon that recognises more of the text, English on a tie', async () => {
    const spanish = analyze({ en: { total: 1, words: 5, hits: 1 }, es: { total: -3, words: 5, hits: 3 } });
    await expect(spanish.result).resolves.toMatchObject({ language: 'es', sentiment: 'negative' });
    expect(spanish.engine.asked.sort()).toEqual(['en', 'es']);
    await expect(analyze({ en: { total: 2, words: 4, hits: 2 }, es: { total: -2, words: 4, hits: 2 } }).result).resolves.toMatchObject({
      language: 'en',
      sentiment: 'positive',
    });
  });

  it('is for signed-in callers, and asks no lexicon for anyone else', async () => {
    const engine = new ScriptedEngine({ en: none, es: none });
    await expect(new SentimentService(engine).analyze(ANONYMOUS, { text: 'hello' })).rejects.toBeInstanceOf(UnauthenticatedError);
    expect(engine.asked).toEqual([]);
  });
});
