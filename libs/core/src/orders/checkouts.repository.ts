import type { Checkout, CheckoutApproval, CheckoutStatus, OrderLine } from './checkout';

export interface NewCheckout {
  userId: number;
  currency: string;
  lines: OrderLine[];
  expiresAt: Date;
}

export interface CheckoutChanges {
  status?: CheckoutStatus;
  lines?: OrderLine[];
  orderId?: string;
  /** null clears it. */
  approval?: CheckoutApproval | null;
}

/**
 * The checkouts port libs/data implements. Status decisions are made on a locked row: `lock` inside an
 * OrdersUnitOfWork holds the row until the unit ends, so two units never both release the same checkout's stock.
 */
export abstract class CheckoutsRepository {
  /** Stores the checkout as `ready_for_complete`, with no approval asked, under a new UUID. */
  abstract insert(checkout: NewCheckout): Promise<Checkout>;
  abstract findById(id: string): Promise<Checkout | null>;
  /** Reads the checkout and locks its row until the unit ends (SELECT … FOR UPDATE); null when there is none. */
  abstract lock(id: string): Promise<Checkout | null>;
  /** Applies the changes to a checkout the unit has locked, and returns it. */
  abstract save(id: string, changes: CheckoutChanges): Promise<Checkout>;
  /**
   * Up to `limit` checkouts still `ready_for_complete` whose expiry is at or before `now`, locked, skipping rows
   * another unit holds (FOR UPDATE SKIP LOCKED), so replicas running the expiry job never claim the same one.
   */
  abstract claimExpired(now: Date, limit: number): Promise<Checkout[]>;
}
