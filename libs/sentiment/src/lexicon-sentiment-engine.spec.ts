import { ANONYMOUS, SentimentService, UnauthenticatedError, userActor } from '@mercato/core';
import { LexiconSentimentEngine } from './lexicon-sentiment-engine';

const service = new SentimentService(new LexiconSentimentEngine());
const me = userActor(1, 'user');

describe('SentimentService', () => {
  it.each([
    ['This lamp is great, I love it', 'en', 'positive'],
    ['Terrible quality, it broke in a day', 'en', 'negative'],
    ['The box is blue', 'en', 'neutral'],
    ['Muy buena calidad, lo recomiendo', 'es', 'positive'],
    ['Llegó roto y tarde, una decepción', 'es', 'negative'],
  ] as const)('reads %p in %s as %s', async (text, language, expected) => {
    const result = await service.analyze(me, { text, language });
    expect(result).toMatchObject({ sentiment: expected, language });
    expect(result.score).toBeGreaterThanOrEqual(-1);
    expect(result.score).toBeLessThanOrEqual(1);
    expect(result.confidence).toBeGreaterThanOrEqual(0);
    expect(result.confidence).toBeLessThanOrEqual(1);
    expect(result.summary.length).toBeGreaterThan(10);
  });

  it('detects the language when none is given', async () => {
    await expect(service.analyze(me, { text: 'Es horrible, muy malo y caro' })).resolves.toMatchObject({ language: 'es', sentiment: 'negative' });
    await expect(service.analyze(me, { text: 'Excellent mug, beautiful and sturdy' })).resolves.toMatchObject({ language: 'en', sentiment: 'positive' });
  });

  it('is for signed-in callers', async () => {
    await expect(service.analyze(ANONYMOUS, { text: 'hello' })).rejects.toBeInstanceOf(UnauthenticatedError);
  });
});
