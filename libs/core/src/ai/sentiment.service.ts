import type { Actor } from '../auth/actor';
import { assertSignedIn } from '../auth/permissions';
import type { AnalyzeSentimentDto, SentimentLanguage } from './dto/analyze-sentiment.dto';
import type { LexiconScore, SentimentEngine } from './sentiment-engine';
import type { SentimentView } from './sentiment.view';

const NEUTRAL_BAND = 0.1;

/**
 * Sentiment of a text in English or Spanish, from a lexicon engine (local: no network, no API key). Without a
 * language, the one whose lexicon recognises more of the text is used.
 */
export class SentimentService {
  constructor(private readonly engine: SentimentEngine) {}

  async analyze(actor: Actor, { text, language }: AnalyzeSentimentDto): Promise<SentimentView> {
    assertSignedIn(actor);
    const scores: Partial<Record<SentimentLanguage, LexiconScore>> = {};
    if (language !== 'es') scores.en = await this.engine.score(text, 'en');
    if (language !== 'en') scores.es = await this.engine.score(text, 'es');
    const chosen: SentimentLanguage = language ?? ((scores.es?.hits ?? 0) > (scores.en?.hits ?? 0) ? 'es' : 'en');
    return describe(scores[chosen] as LexiconScore, chosen);
  }
}

function describe({ total, words, hits }: LexiconScore, language: SentimentLanguage): SentimentView {
  const score = round(Math.tanh(total / 4));
  const sentiment = score > NEUTRAL_BAND ? 'positive' : score < -NEUTRAL_BAND ? 'negative' : 'neutral';
  const coverage = words ? Math.min(1, hits / words) : 0;
  const confidence = round(hits === 0 ? 0.2 : Math.min(1, 0.3 + 0.4 * Math.abs(score) + 0.6 * coverage));
  const summary =
    hits === 0
      ? 'No sentiment-bearing words recognised; treated as neutral.'
      : `${sentiment[0].toUpperCase()}${sentiment.slice(1)}: ${hits} of ${words} words carry sentiment (score ${score}).`;
  return { sentiment, score, confidence, summary, language };
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}
