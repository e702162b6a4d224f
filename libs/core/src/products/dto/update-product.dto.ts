import { Optional } from '../../common/decorators';
import { DescriptionField, MetadataField, NameField, PriceField } from './product-fields';

/** Partial update; description and metadata may be set to null to clear them. Stock changes only through adjustStock (atomic deltas), activity only through deactivate. */
export class UpdateProductDto {
  @Optional() @NameField() name?: string;
  @DescriptionField() description?: string;
  @Optional() @PriceField() price?: number;
  @MetadataField() metadata?: Record<string, unknown>;
}
