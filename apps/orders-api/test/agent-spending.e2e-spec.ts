import { CheckoutApprovalsService, CheckoutsRepository, OrdersUnitOfWork, SystemClock, userActor } from '@mercato/core';
import { actingUser, freshToken, type ActingUser } from '@mercato/testing';
import { DataSource } from 'typeorm';
import { startShop, type Shop } from './shop';

// AGENT_CHECKOUT_LIMIT is 100.00 by default; an app's token carries the client_id it was issued to.
const AGENT = 'https://agent.example/client.json';
let shop: Shop;
let user: ActingUser;
let agent: ActingUser;
let approvals: CheckoutApprovalsService;
beforeAll(async () => {
  shop = await startShop();
  user = await actingUser(shop.api, 'user');
  agent = await freshToken(shop.api, user.id, { clientId: AGENT });
  // the user's side, which users-api serves as the approval page
  approvals = new CheckoutApprovalsService(shop.api.app.get(OrdersUnitOfWork), shop.api.app.get(CheckoutsRepository), new SystemClock());
}, 60_000);
afterAll(() => shop.api.close());

const setLimit = (cents: number | null) =>
  shop.api.app.get(DataSource).query('UPDATE users SET agent_checkout_limit_cents = $2 WHERE id = $1', [user.id, cents]);

describe('an app completing a checkout for a user', () => {
  it('completes at or below the limit', async () => {
    const p = await shop.product(50, 10);
    const { body } = await shop.checkout(agent, [[p.id, 2]]).expect(201);

    const res = await shop.complete(agent, body.id).expect(201);
    expect(res.body).toMatchObject({ status: 'confirmed', totals: { total: 100 } });
  });

  it('above the limit gets 202 and the checkout waiting for the user, then completes with the same key once approved', async () => {
    const p = await shop.product(100.01, 10);
    const { body } = await shop.checkout(agent, [[p.id, 1]]).expect(201);

    const waiting = await shop.complete(agent, body.id, 'agent-key').expect(202);
    expect(waiting.body).toMatchObject({
      id: body.id,
      status: 'requires_escalation',
      continue_url: `http://localhost:3001/approvals/checkouts/${body.id}`,
    });
    await shop.complete(agent, body.id, 'agent-key').expect(202);
    expect(await shop.stockOf(p.id)).toBe(9);

    await approvals.approve(userActor(user.id, 'user'), body.id);

    const order = await shop.complete(agent, body.id, 'agent-key').expect(201);
    expect(order.body).toMatchObject({ checkout_id: body.id, status: 'confirmed' });
  });

  it('is refused with 409 once the user declines, and the stock is back', async () => {
    const p = await shop.product(300, 10);
    const { body } = await shop.checkout(agent, [[p.id, 1]]).expect(201);
    await shop.complete(agent, body.id).expect(202);

    await approvals.decline(userActor(user.id, 'user'), body.id);

    const refused = await shop.complete(agent, body.id).expect(409);
    expect(refused.body.detail).toMatch(/canceled/);
    expect(await shop.stockOf(p.id)).toBe(10);
  });

  it("follows the account's own limit, and never limits the user's own sign-in", async () => {
    const p = await shop.product(400, 10);
    await setLimit(50_000);
    const agentBuys = await shop.checkout(agent, [[p.id, 1]]).expect(201);
    await shop.complete(agent, agentBuys.body.id).expect(201);
    await setLimit(null);

    const ownBuys = await shop.checkout(user, [[p.id, 2]]).expect(201);
    await shop.complete(user, ownBuys.body.id).expect(201);
  });
});
