import { IsDateString, IsIn, IsOptional, IsString, IsUUID, IsUrl } from 'class-validator';
import { CHECKOUT_STATUSES, effectiveStatus, type Checkout, type CheckoutStatus } from './checkout';
import { LineItems, Totals, toLineViews, toTotalsView, type OrderLineView, type TotalsView } from './order-line.view';

/**
 * The statuses a client sees: the stored ones, and `requires_escalation` (as the Universal Commerce Protocol's
 * checkout names it) while a purchase an app asked to complete waits for the user's approval at `continue_url`.
 */
export const CHECKOUT_VIEW_STATUSES = [...CHECKOUT_STATUSES, 'requires_escalation'] as const;
export type CheckoutViewStatus = (typeof CHECKOUT_VIEW_STATUSES)[number];

export class CheckoutView {
  @IsUUID() id!: string;
  @IsIn(CHECKOUT_VIEW_STATUSES) status!: CheckoutViewStatus;
  @IsString() currency!: string;
  @LineItems() line_items!: OrderLineView[];
  @Totals() totals!: TotalsView;
  @IsDateString() expires_at!: string;
  @IsDateString() created_at!: string;
  /** The order a completed checkout became. */
  @IsOptional() @IsUUID() order_id!: string | null;
  /** Where the user approves or declines the purchase, while the status is `requires_escalation`. */
  @IsOptional() @IsUrl({ require_tld: false }) continue_url?: string;
}

/**
 * The status is the one at `now`: past its expiry a checkout shows `expired` even before its stock is released.
 * `approvalUrl` gives the page where a purchase waiting for approval is approved.
 */
export function toCheckoutView(checkout: Checkout, now: Date, approvalUrl?: (id: string) => string): CheckoutView {
  const status: CheckoutStatus = effectiveStatus(checkout, now);
  const waiting = status === 'ready_for_complete' && checkout.approval?.state === 'pending';
  return {
    id: checkout.id,
    status: waiting ? 'requires_escalation' : status,
    currency: checkout.currency,
    line_items: toLineViews(checkout.lines),
    totals: toTotalsView(checkout.lines),
    expires_at: checkout.expiresAt.toISOString(),
    created_at: checkout.createdAt.toISOString(),
    order_id: checkout.orderId,
    ...(waiting && approvalUrl ? { continue_url: approvalUrl(checkout.id) } : {}),
  };
}
