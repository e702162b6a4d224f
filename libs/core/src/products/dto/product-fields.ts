import { IsInt, IsNumber, IsOptional, IsPositive, IsString, Max, MaxLength, Min } from 'class-validator';
import { applyDecorators } from '../../common/decorators';
import { Trim } from '../../common/transforms';
import { IsJsonObjectWithin, IsNotBlank } from '../../common/validators';

export const MAX_PRICE = 9_999_999_999.99; // numeric(12,2)
/** The stock column is a PostgreSQL integer: no adjustment may take a product's stock past it. */
export const MAX_STOCK = 2_147_483_647;
export const METADATA_MAX_BYTES = 16 * 1024;

/** The field rules shared by create and update, written once. */
export const NameField = () => applyDecorators(Trim(), IsString(), IsNotBlank(), MaxLength(200));
export const DescriptionField = () => applyDecorators(IsOptional(), IsString(), MaxLength(5000));
export const PriceField = () =>
  applyDecorators(
    IsNumber({ maxDecimalPlaces: 2, allowNaN: false, allowInfinity: false }, { message: 'price must be a number with at most 2 decimals' }),
    IsPositive(),
    Max(MAX_PRICE),
  );
export const StockField = () => applyDecorators(IsInt(), Min(0), Max(2_000_000_000));
export const MetadataField = () => applyDecorators(IsOptional(), IsJsonObjectWithin(METADATA_MAX_BYTES));
