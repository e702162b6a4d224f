import { IsOptional } from 'class-validator';
import { DescriptionField, MetadataField, NameField, PriceField, StockField } from './product-fields';

export class CreateProductDto {
  @NameField() name!: string;
  @DescriptionField() description?: string;
  @PriceField() price!: number;
  @IsOptional() @StockField() stock?: number;
  @MetadataField() metadata?: Record<string, unknown>;
}
