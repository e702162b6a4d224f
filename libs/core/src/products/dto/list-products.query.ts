import { IsBoolean, IsIn, IsNumber, IsOptional, IsString, MaxLength, Min } from 'class-validator';
import { PageQuery } from '../../common/pagination';
import { ToBoolean, ToNumber, Trim } from '../../common/transforms';
import type { ProductSort } from '../products.repository';

export const PRODUCT_SORTS: ProductSort[] = ['created_at', '-created_at', 'price', '-price', 'name'];

export class ListProductsQuery extends PageQuery {
  /** Case- and accent-insensitive substring of the name. */
  @IsOptional() @Trim() @IsString() @MaxLength(100) search?: string;
  @IsOptional() @ToNumber() @IsNumber() @Min(0) min_price?: number;
  @IsOptional() @ToNumber() @IsNumber() @Min(0) max_price?: number;
  @IsOptional() @ToBoolean() @IsBoolean() in_stock?: boolean;
  @IsOptional() @IsIn(PRODUCT_SORTS) sort: ProductSort = '-created_at';
  /** Admins only: include inactive products (`false`) or only active ones (`true`). */
  @IsOptional() @ToBoolean() @IsBoolean() is_active?: boolean;
}
