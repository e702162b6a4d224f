import { isUUID } from 'class-validator';
import type { Actor, UserActor } from '../auth/actor';
import { assertCan, assertSignedIn } from '../auth/permissions';
import type { Clock } from '../common/clock';
import { ConflictError, NotFoundError } from '../common/errors';
import type { AgentLimitsService } from '../users/agent-limits';
import type { Checkout, OrderLine } from './checkout';
import { toCheckoutView, type CheckoutView } from './checkout.view';
import type { CheckoutsRepository } from './checkouts.repository';
import type { CheckoutLineItemDto, CreateCheckoutDto, UpdateCheckoutDto } from './dto/checkout-lines.dto';
import type { IdempotencyStore } from './idempotency-store';
import { idempotently } from './idempotently';
import { subtotalCents, toCents } from './money';
import { toOrderView, type OrderView } from './order.view';
import type { OrdersUnitOfWork } from './orders-unit-of-work';
import { assertMayAct, assertMayTry } from './orders.policy';
import type { PaymentProvider } from './payment-provider';
import { onReadyCheckout, settled } from './ready-checkout';
import { applyStockChanges, releaseStock } from './stock-reservations';

export interface CheckoutSettings {
  /** ISO 4217 code every checkout is priced in (configuration: CURRENCY). */
  currency: string;
  /** How long a checkout holds its stock (configuration: CHECKOUT_TTL_SECONDS). */
  ttlSeconds: number;
  /** The page where the user approves a purchase an app asked for above their limit (the view's `continue_url`). */
  approvalUrl: (checkoutId: string) => string;
}

/** Thrown through `idempotently` so the key is freed: after the user approves, the app's retry with it completes. */
class AwaitingApproval {
  constructor(readonly checkout: Checkout) {}
}

export class CheckoutsService {
  constructor(
    private readonly units: OrdersUnitOfWork,
    private readonly checkouts: CheckoutsRepository,
    private readonly idempotency: IdempotencyStore,
    private readonly payments: PaymentProvider,
    private readonly clock: Clock,
    private readonly settings: CheckoutSettings,
    private readonly agentLimits: Pick<AgentLimitsService, 'centsFor'>,
  ) {}

  /** Reserves stock for every line at once, or none; a retry with the same key and body returns the first checkout. */
  async create(actor: Actor, dto: CreateCheckoutDto, idempotencyKey: string): Promise<CheckoutView> {
    assertCan(actor, 'order:buy');
    assertSignedIn(actor);
    const { userId } = actor;
    return idempotently(this.idempotency, userId, idempotencyKey, { create: canonicalLines(dto.line_items) }, async () => {
      const now = this.clock.now();
      const checkout = await this.units.run(async (tx) => {
        const taken = await applyStockChanges(
          tx.products,
          dto.line_items.map((line, i) => ({ productId: line.product_id, delta: line.quantity, field: `line_items[${i}].product_id` })),
        );
        const lines = canonicalLines(dto.line_items).map(({ product_id, quantity }) => priced(taken, product_id, quantity));
        return tx.checkouts.insert({ userId, currency: this.settings.currency, lines, expiresAt: new Date(now.getTime() + this.settings.ttlSeconds * 1000) });
      });
      return this.view(checkout, now);
    });
  }

  async get(actor: Actor, id: string): Promise<CheckoutView> {
    assertMayTry(actor, 'order:read-own', 'order:read-any');
    const checkout = isUUID(id) ? await this.checkouts.findById(id) : null;
    assertMayAct(actor, checkout, 'Checkout', id, 'order:read-any');
    return this.view(checkout as Checkout, this.clock.now());
  }

  /**
   * Replaces the lines, taking or giving back only the difference for each product, all or nothing. Products
   * already in the checkout keep the price they were reserved at; new ones get today's. An approval given or asked
   * for is dropped: it was for other lines.
   */
  async update(actor: Actor, id: string, dto: UpdateCheckoutDto): Promise<CheckoutView> {
    assertMayTry(actor, 'order:buy');
    const outcome = await onReadyCheckout(this.units, this.clock, actor, id, undefined, async (tx, checkout) => {
      const held = new Map(checkout.lines.map((line) => [line.productId, line]));
      const wanted = new Map(dto.line_items.map((line, i) => [line.product_id, { quantity: line.quantity, field: `line_items[${i}].product_id` }]));
      const productIds = new Set([...held.keys(), ...wanted.keys()]);
      const taken = await applyStockChanges(
        tx.products,
        [...productIds].map((productId) => {
          const before = held.get(productId)?.quantity ?? 0;
          return { productId, delta: (wanted.get(productId)?.quantity ?? 0) - before, held: before, field: wanted.get(productId)?.field };
        }),
      );
      const lines = canonicalLines(dto.line_items).map(({ product_id, quantity }) => {
        const kept = held.get(product_id);
        return kept ? { ...kept, quantity } : priced(taken, product_id, quantity);
      });
      return tx.checkouts.save(id, { lines, approval: null });
    });
    return this.view(settled(outcome, id, 'change'), this.clock.now());
  }

  /** Gives the stock back; canceling a canceled checkout again changes nothing. */
  async cancel(actor: Actor, id: string): Promise<CheckoutView> {
    assertMayTry(actor, 'order:buy', 'order:cancel-any');
    const outcome = await onReadyCheckout(this.units, this.clock, actor, id, 'order:cancel-any', async (tx, checkout) => {
      await releaseStock(tx.products, checkout.lines);
      return tx.checkouts.save(id, { status: 'canceled' });
    });
    const checkout = 'refused' in outcome && outcome.refused === 'canceled' ? outcome.checkout : settled(outcome, id, 'cancel');
    return this.view(checkout, this.clock.now());
  }

  /**
   * Turns the checkout into an order once the payment provider authorizes its total; a retry with the same key
   * returns the same order. An app acting for the user (a token with a client id) completes a checkout above the
   * user's agent spending limit only once the user has approved it: until then the answer is the checkout, waiting
   * as `requires_escalation` with the `continue_url` where the user decides.
   */
  async complete(actor: Actor, id: string, idempotencyKey: string): Promise<OrderView | CheckoutView> {
    assertMayTry(actor, 'order:buy');
    assertSignedIn(actor);
    try {
      return await idempotently(this.idempotency, actor.userId, idempotencyKey, { complete: id }, async () => {
        const outcome = await onReadyCheckout(this.units, this.clock, actor, id, undefined, async (tx, checkout) => {
          const asking = await this.appNeedingApproval(actor, checkout);
          if (asking) {
            const asked = checkout.approval?.state === 'pending' && checkout.approval.requestedBy === asking;
            return new AwaitingApproval(asked ? checkout : await tx.checkouts.save(id, { approval: { state: 'pending', requestedBy: asking } }));
          }
          // Inside the unit, on the locked row: a checkout canceled or expired meanwhile is never paid for.
          const payment = await this.payments.authorize({
            checkoutId: id,
            userId: checkout.userId,
            amountCents: subtotalCents(checkout.lines),
            currency: checkout.currency,
          });
          if (!payment.authorized) throw new ConflictError(`The payment was not authorized: ${payment.reason}`);
          const order = await tx.orders.insert({ checkoutId: id, userId: checkout.userId, currency: checkout.currency, lines: checkout.lines });
          await tx.checkouts.save(id, { status: 'completed', orderId: order.id });
          return order;
        });
        const done = settled(outcome, id, 'complete');
        if (done instanceof AwaitingApproval) throw done;
        return toOrderView(done);
      });
    } catch (waiting) {
      if (waiting instanceof AwaitingApproval) return this.view(waiting.checkout, this.clock.now());
      throw waiting;
    }
  }

  /**
   * The expiry job's step: marks up to `limit` overdue checkouts expired and gives their stock back, in one unit.
   * Replicas may run it at once: each claims different rows. Returns how many it expired.
   */
  async expireOverdue(actor: Actor, limit = 100): Promise<number> {
    assertCan(actor, 'order:cancel-any');
    return this.units.run(async (tx) => {
      const overdue = await tx.checkouts.claimExpired(this.clock.now(), limit);
      await releaseStock(tx.products, mergedLines(overdue));
      for (const checkout of overdue) await tx.checkouts.save(checkout.id, { status: 'expired' });
      return overdue.length;
    });
  }

  /** The app (client id) that must get the user's approval before completing this checkout, if one must. */
  private async appNeedingApproval(actor: UserActor, checkout: Checkout): Promise<string | undefined> {
    const app = actor.clientId;
    // An approval is for the app that asked: another app completing the same checkout asks again.
    if (app === undefined || (checkout.approval?.state === 'approved' && checkout.approval.requestedBy === app)) return undefined;
    return subtotalCents(checkout.lines) > (await this.agentLimits.centsFor(checkout.userId)) ? app : undefined;
  }

  private view(checkout: Checkout, now: Date): CheckoutView {
    return toCheckoutView(checkout, now, this.settings.approvalUrl);
  }
}

/** Ascending by product id: the order lines are stored in, and the form two equal requests share. */
function canonicalLines(lines: readonly CheckoutLineItemDto[]): CheckoutLineItemDto[] {
  return [...lines].sort((a, b) => a.product_id - b.product_id).map(({ product_id, quantity }) => ({ product_id, quantity }));
}

function priced(taken: Map<number, { name: string; price: number }>, productId: number, quantity: number): OrderLine {
  const product = taken.get(productId);
  if (!product) throw new NotFoundError('Product', productId); // unreachable: applyStockChanges took stock from every line
  return { productId, name: product.name, unitPriceCents: toCents(product.price), quantity };
}

/** Every unit the checkouts hold, one entry per product, so each product row is touched once. */
function mergedLines(checkouts: readonly Checkout[]): { productId: number; quantity: number }[] {
  const units = new Map<number, number>();
  for (const line of checkouts.flatMap((c) => c.lines)) units.set(line.productId, (units.get(line.productId) ?? 0) + line.quantity);
  return [...units].map(([productId, quantity]) => ({ productId, quantity }));
}
