import { IsInt, Max, Min } from 'class-validator';
import { Optional } from '../../common/decorators';
import { PageQuery } from '../../common/pagination';
import { ToNumber } from '../../common/transforms';

export class LowStockQuery extends PageQuery {
  /** Products with fewer units than this are listed. */
  @Optional() @ToNumber() @IsInt() @Min(1) @Max(1_000_000) threshold = 10;
}
