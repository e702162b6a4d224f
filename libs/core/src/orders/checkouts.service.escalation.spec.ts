import { type CheckoutView, type OrderView } from '../index';
import { alice, approvalUrl, bob, orderServices, viaApp } from '../../test/order-services';

// Above the limit of 100.00 an app's complete waits for the user; at or below it, and for the user themselves, it completes.
async function setUp(price: number) {
  const s = orderServices();
  const product = await s.seed('Espresso machine', { price, stock: 5 });
  const checkout = await s.checkoutService.create(alice, { line_items: [{ product_id: product.id, quantity: 1 }] }, s.key());
  return { ...s, product, checkout };
}
const isOrder = (result: OrderView | CheckoutView): result is OrderView => 'checkout_id' in result;

describe('an app completing a checkout for a user (agent spending limit)', () => {
  it('completes at or below the limit', async () => {
    const { checkoutService, checkout, key } = await setUp(100);

    const result = await checkoutService.complete(viaApp(alice), checkout.id, key());

    expect(isOrder(result) && result.status).toBe('confirmed');
  });

  it('never limits the user signing in themselves', async () => {
    const { checkoutService, checkout, key } = await setUp(5000);

    expect(isOrder(await checkoutService.complete(alice, checkout.id, key()))).toBe(true);
  });

  it('above the limit answers requires_escalation with the page where the user decides, and keeps the stock held', async () => {
    const { checkoutService, checkout, stockOf, product, orders, key } = await setUp(100.01);

    const result = await checkoutService.complete(viaApp(alice), checkout.id, key());

    expect(result).toMatchObject({ id: checkout.id, status: 'requires_escalation', continue_url: approvalUrl(checkout.id) });
    expect(await checkoutService.get(alice, checkout.id)).toMatchObject({ status: 'requires_escalation', continue_url: approvalUrl(checkout.id) });
    expect(await stockOf(product.id)).toBe(4);
    expect(orders.rows).toHaveLength(0);
  });

  it('completes with the same key once the user approves', async () => {
    const { checkoutService, approvals, checkout, key } = await setUp(250);
    const retryKey = key();
    await checkoutService.complete(viaApp(alice), checkout.id, retryKey);

    const approved = await approvals.approve(alice, checkout.id);
    expect(approved.status).toBe('ready_for_complete');

    const result = await checkoutService.complete(viaApp(alice), checkout.id, retryKey);
    expect(isOrder(result) && result.totals.total).toBe(250);
  });

  it('is refused once the user declines: the checkout is canceled and its stock released', async () => {
    const { checkoutService, approvals, checkout, stockOf, product, key } = await setUp(250);
    await checkoutService.complete(viaApp(alice), checkout.id, key());

    expect((await approvals.decline(alice, checkout.id)).status).toBe('canceled');

    await expect(checkoutService.complete(viaApp(alice), checkout.id, key())).rejects.toMatchObject({ type: 'conflict' });
    expect(await stockOf(product.id)).toBe(5);
  });

  it("follows the account's own limit, raised or lowered", async () => {
    const { checkoutService, agentLimits, checkout, key } = await setUp(250);
    await agentLimits.set(alice, { limit: 300 });

    expect(isOrder(await checkoutService.complete(viaApp(alice), checkout.id, key()))).toBe(true);
  });

  it('holds an approval for the app that asked: another app completing the checkout asks again', async () => {
    const { checkoutService, approvals, checkout, key } = await setUp(250);
    await checkoutService.complete(viaApp(alice), checkout.id, key());
    await approvals.approve(alice, checkout.id);

    const other = await checkoutService.complete(viaApp(alice, 'https://other-agent.example/client.json'), checkout.id, key());

    expect(other.status).toBe('requires_escalation');
    expect((await approvals.review(alice, checkout.id)).requestedBy).toBe('https://other-agent.example/client.json');
  });

  it('asks again when the lines change after an approval', async () => {
    const s = await setUp(150);
    await s.checkoutService.complete(viaApp(alice), s.checkout.id, s.key());
    await s.approvals.approve(alice, s.checkout.id);

    await s.checkoutService.update(viaApp(alice), s.checkout.id, { line_items: [{ product_id: s.product.id, quantity: 3 }] });

    expect((await s.checkoutService.complete(viaApp(alice), s.checkout.id, s.key())).status).toBe('requires_escalation');
  });
});

describe('who decides', () => {
  it('is the owner, signed in themselves: never the app, never another account', async () => {
    const { checkoutService, approvals, checkout, key } = await setUp(250);
    await checkoutService.complete(viaApp(alice), checkout.id, key());

    await expect(approvals.approve(viaApp(alice), checkout.id)).rejects.toMatchObject({ type: 'forbidden' });
    await expect(approvals.review(viaApp(alice), checkout.id)).rejects.toMatchObject({ type: 'forbidden' });
    await expect(approvals.approve(bob, checkout.id)).rejects.toMatchObject({ type: 'not-found' });
    expect(await approvals.review(alice, checkout.id)).toMatchObject({
      checkout: { status: 'requires_escalation' },
      requestedBy: 'https://agent.example/client.json',
    });
  });

  it('decides only a purchase waiting for approval, once', async () => {
    const { checkoutService, approvals, checkout, key } = await setUp(250);
    await expect(approvals.approve(alice, checkout.id)).rejects.toMatchObject({ type: 'conflict' });
    await checkoutService.complete(viaApp(alice), checkout.id, key());

    await approvals.approve(alice, checkout.id);
    await expect(approvals.approve(alice, checkout.id)).rejects.toMatchObject({ type: 'conflict' });
    await expect(approvals.decline(alice, checkout.id)).rejects.toMatchObject({ type: 'conflict' });
  });
});

describe('the agent spending limit setting', () => {
  it('follows the default until the user sets one, and null restores the default', async () => {
    const { agentLimits } = orderServices();

    expect(await agentLimits.get(alice)).toEqual({ limit: 100, is_default: true });
    expect(await agentLimits.set(alice, { limit: 42.5 })).toEqual({ limit: 42.5, is_default: false });
    expect(await agentLimits.get(alice)).toEqual({ limit: 42.5, is_default: false });
    expect(await agentLimits.get(bob)).toEqual({ limit: 100, is_default: true });
    expect(await agentLimits.set(alice, { limit: null })).toEqual({ limit: 100, is_default: true });
  });

  it('cannot be changed by an app acting for the user', async () => {
    const { agentLimits } = orderServices();

    await expect(agentLimits.set(viaApp(alice), { limit: 1_000_000 })).rejects.toMatchObject({ type: 'forbidden' });
    expect(await agentLimits.get(viaApp(alice))).toEqual({ limit: 100, is_default: true });
  });
});
