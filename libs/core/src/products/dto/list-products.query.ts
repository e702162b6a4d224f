import { IsBoolean, IsIn, IsNumber, IsString, Max, MaxLength, Min } from 'class-validator';
import { Optional } from '../../common/decorators';
import { PageQuery } from '../../common/pagination';
import { ToBoolean, ToNumber, Trim } from '../../common/transforms';
import type { ProductSort } from '../products.repository';
import { MAX_PRICE } from './product-fields';

export const PRODUCT_SORTS: ProductSort[] = ['created_at', '-created_at', 'price', '-price', 'name'];

export class ListProductsQuery extends PageQuery {
  /** Case- and accent-insensitive substring of the name. */
  @Optional() @Trim() @IsString() @MaxLength(100) search?: string;
  @Optional() @ToNumber() @IsNumber() @Min(0) @Max(MAX_PRICE) min_price?: number;
  @Optional() @ToNumber() @IsNumber() @Min(0) @Max(MAX_PRICE) max_price?: number;
  @Optional() @ToBoolean() @IsBoolean() in_stock?: boolean;
  @Optional() @IsIn(PRODUCT_SORTS) sort: ProductSort = '-created_at';
  /** Only with `product:read-inactive`: inactive products (`false`) or only active ones (`true`); unset means all. */
  @Optional() @ToBoolean() @IsBoolean() is_active?: boolean;
}
