import { IsInt, IsNumber, IsString } from 'class-validator';
import { Nested } from '../common/validators';
import type { OrderLine } from './checkout';
import { fromCents, lineTotalCents, subtotalCents } from './money';

export class OrderLineView {
  @IsInt() product_id!: number;
  @IsString() name!: string;
  @IsNumber({ maxDecimalPlaces: 2 }) unit_price!: number;
  @IsInt() quantity!: number;
  @IsNumber({ maxDecimalPlaces: 2 }) total!: number;
}

/** With no taxes, shipping or discounts yet, the total is the subtotal; they are separate so clients need not change when those come. */
export class TotalsView {
  @IsNumber({ maxDecimalPlaces: 2 }) subtotal!: number;
  @IsNumber({ maxDecimalPlaces: 2 }) total!: number;
}

/** The decorators of a view's `line_items` and `totals`, named once for the views that carry them. */
export const LineItems = () => Nested(() => OrderLineView, { each: true });
export const Totals = () => Nested(() => TotalsView);

export function toLineViews(lines: readonly OrderLine[]): OrderLineView[] {
  return lines.map((line) => ({
    product_id: line.productId,
    name: line.name,
    unit_price: fromCents(line.unitPriceCents),
    quantity: line.quantity,
    total: fromCents(lineTotalCents(line)),
  }));
}

export function toTotalsView(lines: readonly OrderLine[]): TotalsView {
  const subtotal = fromCents(subtotalCents(lines));
  return { subtotal, total: subtotal };
}
