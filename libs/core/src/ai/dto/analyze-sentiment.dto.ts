import { IsIn, IsString, MaxLength, MinLength } from 'class-validator';
import { Optional } from '../../common/decorators';
import { IsNotBlank } from '../../common/validators';

export const SENTIMENT_LANGUAGES = ['en', 'es'] as const;
export type SentimentLanguage = (typeof SENTIMENT_LANGUAGES)[number];

export class AnalyzeSentimentDto {
  @IsString() @IsNotBlank() @MinLength(1) @MaxLength(5000) text!: string;
  /** `en` or `es`; detected from the text when left out. */
  @Optional() @IsIn(SENTIMENT_LANGUAGES) language?: SentimentLanguage;
}
