// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- ambient typings for the untyped nlp.js packages must reach every program that compiles this file
/// <reference path="./nlpjs.d.ts" />
import { Container } from '@nlpjs/core';
import { LangEs } from '@nlpjs/lang-es';
import { SentimentAnalyzer } from '@nlpjs/sentiment';
import Sentiment from 'sentiment';
import type { Actor } from '../auth/actor';
import { assertSignedIn } from '../auth/permissions';
import type { AnalyzeSentimentDto, SentimentLanguage } from './dto/analyze-sentiment.dto';
import type { SentimentView } from './sentiment.view';

interface LexiconScore {
  /** Sum of word scores, roughly -5…5 per word. */
  total: number;
  words: number;
  hits: number;
}

const NEUTRAL_BAND = 0.1;

/**
 * Local, lexicon-based sentiment: no network, no API key. English uses AFINN-165 (the `sentiment` package),
 * Spanish the stemmed SentiCon lexicon of nlp.js, each the better-maintained choice for its language; both
 * handle simple negation. Without a language, the one whose lexicon recognises more of the text is used.
 */
export class SentimentService {
  private readonly english = new Sentiment();
  private readonly spanish: SentimentAnalyzer;

  constructor() {
    const container = new Container();
    container.use(LangEs);
    this.spanish = new SentimentAnalyzer({ container });
  }

  async analyze(actor: Actor, { text, language }: AnalyzeSentimentDto): Promise<SentimentView> {
    assertSignedIn(actor);
    const scores: Partial<Record<SentimentLanguage, LexiconScore>> = {};
    if (language !== 'es') scores.en = this.scoreEnglish(text);
    if (language !== 'en') scores.es = await this.scoreSpanish(text);
    const chosen: SentimentLanguage = language ?? ((scores.es?.hits ?? 0) > (scores.en?.hits ?? 0) ? 'es' : 'en');
    return describe(scores[chosen] as LexiconScore, chosen);
  }

  private scoreEnglish(text: string): LexiconScore {
    const r = this.english.analyze(text);
    return { total: r.score, words: r.tokens.length, hits: r.words.length };
  }

  private async scoreSpanish(text: string): Promise<LexiconScore> {
    const { sentiment } = await this.spanish.process({ locale: 'es', text });
    // SentiCon weights run -1…1 per word; scale them to AFINN's range so both languages read alike.
    return { total: sentiment.score * 4, words: sentiment.numWords, hits: sentiment.numHits };
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
