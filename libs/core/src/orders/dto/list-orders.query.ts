import { IsIn, IsInt, Matches, Max, Min } from 'class-validator';
import { Optional } from '../../common/decorators';
import { MAX_ID } from '../../common/id.dto';
import { PageQuery } from '../../common/pagination';
import { ToNumber } from '../../common/transforms';
import { ORDER_STATUSES, type OrderStatus } from '../order';
import { DAY_PATTERN as DAY } from './analytics.query';

export class ListOrdersQuery extends PageQuery {
  @Optional() @IsIn(ORDER_STATUSES) status?: OrderStatus;
  /** Orders placed on or after this UTC day (YYYY-MM-DD). */
  @Optional() @Matches(DAY, { message: 'from must be a date as YYYY-MM-DD' }) from?: string;
  /** Orders placed on or before this UTC day (YYYY-MM-DD). */
  @Optional() @Matches(DAY, { message: 'to must be a date as YYYY-MM-DD' }) to?: string;
  /** Only with `order:read-any`: one account's orders. Others always see their own. */
  @Optional() @ToNumber() @IsInt() @Min(1) @Max(MAX_ID) user_id?: number;
}
