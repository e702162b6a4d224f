export * from './lexicon-sentiment-engine';
