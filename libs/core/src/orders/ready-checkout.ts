import { isUUID } from 'class-validator';
import type { Actor } from '../auth/actor';
import type { Clock } from '../common/clock';
import { ConflictError } from '../common/errors';
import { effectiveStatus, type Checkout, type CheckoutStatus } from './checkout';
import type { OrdersTransaction, OrdersUnitOfWork } from './orders-unit-of-work';
import { assertMayAct, assertMayTry } from './orders.policy';
import { releaseStock } from './stock-reservations';

/** What a unit decided about a locked checkout; refusals are thrown after it commits, so an expiry it settled stays. */
export type Settled<T> = { done: T } | { refused: CheckoutStatus; checkout: Checkout };

/**
 * Locks the checkout and runs `work` if it still holds its stock. One found past its expiry is settled as expired
 * first (its stock given back, as the job would) and refused; so is any other status. `any` is the permission
 * that lets a caller act on another account's checkout; without it, another account's checkout is not found.
 */
export async function onReadyCheckout<T>(
  units: OrdersUnitOfWork,
  clock: Clock,
  actor: Actor,
  id: string,
  any: 'order:cancel-any' | undefined,
  work: (tx: OrdersTransaction, checkout: Checkout) => Promise<T>,
): Promise<Settled<T>> {
  assertMayTry(actor, 'order:buy', any);
  return units.run(async (tx) => {
    const checkout = isUUID(id) ? await tx.checkouts.lock(id) : null;
    assertMayAct(actor, checkout, 'Checkout', id, any);
    const locked = checkout as Checkout;
    const status = effectiveStatus(locked, clock.now());
    if (status === 'expired' && locked.status === 'ready_for_complete') {
      await releaseStock(tx.products, locked.lines);
      return { refused: status, checkout: await tx.checkouts.save(id, { status }) };
    }
    if (status !== 'ready_for_complete') return { refused: status, checkout: locked };
    return { done: await work(tx, locked) };
  });
}

/** The work's result, or the conflict a refused checkout is. */
export function settled<T>(outcome: Settled<T>, id: string, action: string): T {
  if ('done' in outcome) return outcome.done;
  throw new ConflictError(`Checkout ${id} is ${outcome.refused}; only a checkout ready for completion can ${action}`, 'status');
}
