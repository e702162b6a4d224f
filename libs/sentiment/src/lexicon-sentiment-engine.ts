// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- ambient typings for the untyped nlp.js packages must reach every program that compiles this file
/// <reference path="./nlpjs.d.ts" />
import { Container } from '@nlpjs/core';
import { LangEs } from '@nlpjs/lang-es';
import { SentimentAnalyzer } from '@nlpjs/sentiment';
import Sentiment from 'sentiment';
import { type LexiconScore, SentimentEngine, type SentimentLanguage } from '@mercato/core';

/**
 * Local lexicons, no network and no API key. English uses AFINN-165 (the `sentiment` package), Spanish the
 * stemmed SentiCon lexicon of nlp.js, each the better-maintained choice for its language; both handle simple
 * negation.
 */
export class LexiconSentimentEngine extends SentimentEngine {
  private readonly english = new Sentiment();
  private readonly spanish: SentimentAnalyzer;

  constructor() {
    super();
    const container = new Container();
    container.use(LangEs);
    this.spanish = new SentimentAnalyzer({ container });
  }

  async score(text: string, language: SentimentLanguage): Promise<LexiconScore> {
    switch (language) {
      case 'en':
        return this.scoreEnglish(text);
      case 'es':
        return this.scoreSpanish(text);
    }
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
