import { IsInt, Max, Min } from 'class-validator';
import { Optional } from './decorators';
import { ToNumber } from './transforms';

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

export class PageQuery {
  @Optional()
  @ToNumber()
  @IsInt()
  @Min(0)
  skip = 0;

  @Optional()
  @ToNumber()
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  limit = DEFAULT_PAGE_SIZE;
}

export interface Page<T> {
  items: T[];
  total: number;
  skip: number;
  limit: number;
}
