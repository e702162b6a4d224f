import { IsIn, IsInt, Matches, Max, Min } from 'class-validator';
import { Optional } from '../../common/decorators';
import { ToNumber } from '../../common/transforms';
import type { SalesInterval, TopProductsSort } from '../sales-reports';

export const DAY_PATTERN = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const dayMessage = { message: '$property must be a date as YYYY-MM-DD' };

/** Whole UTC days, both ends included. */
export class SalesRangeQuery {
  @Matches(DAY_PATTERN, dayMessage) from!: string;
  @Matches(DAY_PATTERN, dayMessage) to!: string;
}

export class SalesReportQuery extends SalesRangeQuery {
  @Optional() @IsIn(['day', 'week', 'month']) interval: SalesInterval = 'day';
}

export class TopProductsQuery extends SalesRangeQuery {
  @Optional() @ToNumber() @IsInt() @Min(1) @Max(100) limit = 10;
  @Optional() @IsIn(['revenue', 'units']) sort: TopProductsSort = 'revenue';
}
