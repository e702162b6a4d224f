import { IsInt, Max, Min } from 'class-validator';
import { Optional } from './decorators';
import { MAX_ID } from './id.dto';
import { ToNumber } from './transforms';

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

export class PageQuery {
  @Optional()
  @ToNumber()
  @IsInt()
  @Min(0)
  @Max(MAX_ID) // PostgreSQL's OFFSET refuses what a JS number can say (1e21); no catalog is that long
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
