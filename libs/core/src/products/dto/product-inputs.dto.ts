import { IsInt, IsString, Max, MaxLength, Min, ValidateIf } from 'class-validator';
import { MAX_ID } from '../../common/id.dto';
import { AdjustStockDto } from './adjust-stock.dto';
import { UpdateProductDto } from './update-product.dto';

/** Inputs that carry the product id in the body (MCP tools have no URL path to put it in). */
export class ProductRefDto {
  @ValidateIf((o: ProductRefDto) => o.slug === undefined) @IsInt() @Min(1) @Max(MAX_ID) id?: number;
  @ValidateIf((o: ProductRefDto) => o.id === undefined) @IsString() @MaxLength(200) slug?: string;
}

export class UpdateProductByIdDto extends UpdateProductDto {
  @IsInt() @Min(1) @Max(MAX_ID) id!: number;
}

export class AdjustStockByIdDto extends AdjustStockDto {
  @IsInt() @Min(1) @Max(MAX_ID) id!: number;
}
