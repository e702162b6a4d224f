import { IsOptional } from 'class-validator';
import { DescriptionField, MetadataField, NameField, PriceField } from './product-fields';

/** Partial update. Stock changes only through adjustStock (atomic deltas), activity only through deactivate. */
export class UpdateProductDto {
  @IsOptional() @NameField() name?: string;
  @DescriptionField() description?: string;
  @IsOptional() @PriceField() price?: number;
  @MetadataField() metadata?: Record<string, unknown>;
}
