import { Transform, plainToInstance } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsInt, Max, Min } from 'class-validator';
import { Nested } from '../../common/validators';
import { MAX_ID } from '../../common/id.dto';

export const MAX_CHECKOUT_LINES = 50;
export const MAX_LINE_QUANTITY = 1000;

export class CheckoutLineItemDto {
  @IsInt() @Min(1) @Max(MAX_ID) product_id!: number;
  @IsInt() @Min(1) @Max(MAX_LINE_QUANTITY) quantity!: number;
}

/** The lines of a checkout, each product once: creating one and replacing its lines take the same body. */
export class CheckoutLinesDto {
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_CHECKOUT_LINES)
  @ArrayUnique((line: CheckoutLineItemDto) => line?.product_id, { message: 'line_items must name each product once' })
  @Nested(() => CheckoutLineItemDto, { each: true })
  // class-transformer's @Type needs reflect-metadata, which core does not load; this makes the same instances.
  @Transform(({ value }) =>
    Array.isArray(value) ? value.map((line: unknown) => (isPlainObject(line) ? plainToInstance(CheckoutLineItemDto, line) : line)) : value,
  )
  line_items!: CheckoutLineItemDto[];
}

export class CreateCheckoutDto extends CheckoutLinesDto {}

export class UpdateCheckoutDto extends CheckoutLinesDto {}

function isPlainObject(value: unknown): value is object {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
