import type { SentimentLanguage } from './dto/analyze-sentiment.dto';

/** What a lexicon made of a text, on AFINN's scale whatever the language, so every language reads alike. */
export interface LexiconScore {
  /** Sum of word scores, roughly -5…5 per word. */
  total: number;
  words: number;
  hits: number;
}

/** Scores a text against one language's sentiment lexicon; libs/sentiment holds the local lexicon engines. */
export abstract class SentimentEngine {
  abstract score(text: string, language: SentimentLanguage): Promise<LexiconScore>;
}
