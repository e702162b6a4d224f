import { isUUID } from 'class-validator';
import type { Actor, UserActor } from '../auth/actor';
import { assertSignedIn } from '../auth/permissions';
import type { Clock } from '../common/clock';
import { ConflictError } from '../common/errors';
import { assertFirstParty } from '../users/agent-limits';
import type { Checkout, CheckoutApproval } from './checkout';
import { toCheckoutView, type CheckoutView } from './checkout.view';
import type { CheckoutsRepository } from './checkouts.repository';
import type { OrdersTransaction, OrdersUnitOfWork } from './orders-unit-of-work';
import { assertMayAct, assertMayTry } from './orders.policy';
import { onReadyCheckout, settled } from './ready-checkout';
import { releaseStock } from './stock-reservations';

/**
 * The user's side of an escalated purchase: an app asked to complete a checkout above the user's agent spending
 * limit, and the user, signed in to Mercato themselves, approves it (the app's next complete succeeds) or declines
 * it (the checkout is canceled and its stock released). Only the checkout's owner decides, and never through an app.
 */
export class CheckoutApprovalsService {
  constructor(
    private readonly units: OrdersUnitOfWork,
    private readonly checkouts: CheckoutsRepository,
    private readonly clock: Clock,
  ) {}

  /** The checkout as its owner reviews it, and the app (client id) that asked, while one waits for a decision. */
  async review(actor: Actor, id: string): Promise<{ checkout: CheckoutView; requestedBy: string | null }> {
    this.assertDecider(actor);
    const found = isUUID(id) ? await this.checkouts.findById(id) : null;
    assertMayAct(actor, found, 'Checkout', id, undefined);
    const checkout = found as Checkout;
    return { checkout: toCheckoutView(checkout, this.clock.now()), requestedBy: checkout.approval?.requestedBy ?? null };
  }

  async approve(actor: Actor, id: string): Promise<CheckoutView> {
    this.assertDecider(actor);
    return this.decide(actor, id, (tx, _checkout, asked) => tx.checkouts.save(id, { approval: { ...asked, state: 'approved' } }));
  }

  async decline(actor: Actor, id: string): Promise<CheckoutView> {
    this.assertDecider(actor);
    return this.decide(actor, id, async (tx, checkout) => {
      await releaseStock(tx.products, checkout.lines);
      return tx.checkouts.save(id, { status: 'canceled', approval: null });
    });
  }

  private assertDecider(actor: Actor): asserts actor is UserActor {
    assertMayTry(actor, 'order:buy');
    assertSignedIn(actor);
    assertFirstParty(actor, 'approve or decline a purchase');
  }

  /** Only a purchase waiting for approval is decided; deciding twice, or on a checkout changed since, is a conflict. */
  private async decide(
    actor: Actor,
    id: string,
    work: (tx: OrdersTransaction, checkout: Checkout, asked: CheckoutApproval) => Promise<Checkout>,
  ): Promise<CheckoutView> {
    const outcome = await onReadyCheckout(this.units, this.clock, actor, id, undefined, async (tx, checkout) =>
      checkout.approval?.state === 'pending' ? work(tx, checkout, checkout.approval) : null,
    );
    const decided = settled(outcome, id, 'be approved');
    if (!decided) throw new ConflictError(`Checkout ${id} is not waiting for your approval`, 'status');
    return toCheckoutView(decided, this.clock.now());
  }
}
