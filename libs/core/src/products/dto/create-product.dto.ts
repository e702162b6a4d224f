import { Optional } from '../../common/decorators';
import { DescriptionField, MetadataField, NameField, PriceField, StockField } from './product-fields';

export class CreateProductDto {
  @NameField() name!: string;
  @DescriptionField() description?: string;
  @PriceField() price!: number;
  @Optional() @StockField() stock?: number;
  @MetadataField() metadata?: Record<string, unknown>;
}
