/**
 * A checkout holds stock for its lines until it is completed (becoming an order), canceled, or expired; only
 * `ready_for_complete` holds stock, and leaving it gives the stock back exactly once.
 */
export const CHECKOUT_STATUSES = ['ready_for_complete', 'completed', 'canceled', 'expired'] as const;
export type CheckoutStatus = (typeof CHECKOUT_STATUSES)[number];

/**
 * An app asked to complete the checkout above the user's agent spending limit: `pending` until the user approves
 * (`approved`) or declines (which cancels it). Changing the lines asks again.
 */
export interface CheckoutApproval {
  state: 'pending' | 'approved';
  /** The OAuth client that asked (its client_id), named to the user who decides. */
  requestedBy: string;
}

/** One product in a checkout or order, its price frozen when the stock was reserved. */
export interface OrderLine {
  productId: number;
  name: string;
  unitPriceCents: number;
  quantity: number;
}

export interface Checkout {
  /** A UUID, assigned by the repository. */
  id: string;
  userId: number;
  status: CheckoutStatus;
  currency: string;
  /** Ascending by product id, each product once. */
  lines: OrderLine[];
  expiresAt: Date;
  createdAt: Date;
  updatedAt: Date;
  /** Set when the checkout completed. */
  orderId: string | null;
  approval: CheckoutApproval | null;
}

/** What the checkout's status is at `now`: one still holding stock past its expiry is expired, whether or not the release has run. */
export function effectiveStatus(checkout: Checkout, now: Date): CheckoutStatus {
  return checkout.status === 'ready_for_complete' && checkout.expiresAt.getTime() <= now.getTime() ? 'expired' : checkout.status;
}
