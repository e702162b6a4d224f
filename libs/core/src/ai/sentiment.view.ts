import { IsIn, IsNumber, IsString } from 'class-validator';
import { SENTIMENT_LANGUAGES, type SentimentLanguage } from './dto/analyze-sentiment.dto';

export class SentimentView {
  @IsIn(['positive', 'neutral', 'negative']) sentiment!: 'positive' | 'neutral' | 'negative';
  /** From -1 (very negative) to 1 (very positive). */
  @IsNumber() score!: number;
  /** From 0 to 1: how much of the text the lexicon recognised, and how clear-cut the score is. */
  @IsNumber() confidence!: number;
  @IsString() summary!: string;
  @IsIn(SENTIMENT_LANGUAGES) language!: SentimentLanguage;
}
