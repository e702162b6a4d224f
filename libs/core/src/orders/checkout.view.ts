import { IsDateString, IsIn, IsOptional, IsString, IsUUID } from 'class-validator';
import { CHECKOUT_STATUSES, effectiveStatus, type Checkout, type CheckoutStatus } from './checkout';
import { LineItems, Totals, toLineViews, toTotalsView, type OrderLineView, type TotalsView } from './order-line.view';

export class CheckoutView {
  @IsUUID() id!: string;
  @IsIn(CHECKOUT_STATUSES) status!: CheckoutStatus;
  @IsString() currency!: string;
  @LineItems() line_items!: OrderLineView[];
  @Totals() totals!: TotalsView;
  @IsDateString() expires_at!: string;
  @IsDateString() created_at!: string;
  /** The order a completed checkout became. */
  @IsOptional() @IsUUID() order_id!: string | null;
}

/** The status is the one at `now`: past its expiry a checkout shows `expired` even before its stock is released. */
export function toCheckoutView(checkout: Checkout, now: Date): CheckoutView {
  return {
    id: checkout.id,
    status: effectiveStatus(checkout, now),
    currency: checkout.currency,
    line_items: toLineViews(checkout.lines),
    totals: toTotalsView(checkout.lines),
    expires_at: checkout.expiresAt.toISOString(),
    created_at: checkout.createdAt.toISOString(),
    order_id: checkout.orderId,
  };
}
