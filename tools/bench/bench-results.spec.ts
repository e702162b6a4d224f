import { addRatios, formatRatio, percentOf, withCeiling, type CeilingMeasurement, type ScenarioRecord } from './bench-results';

const ceiling = (rps: number): CeilingMeasurement => ({ rps, p50: 0, p99: 1, bodyBytes: 279, headerCount: 10, servedBodyBytes: 279, servedHeaderCount: 10 });
const scenario = (id: string, rps: number, p99 = 10, extra: Partial<ScenarioRecord> = {}): ScenarioRecord =>
  withCeiling({ id, title: id, rps, p50: 1, p99, non2xx: 0, errors: 0, ...extra }, ceiling(40_000));

describe('a scenario against its ceiling', () => {
  it('divides its request rate by the ceiling measured beside it', () => {
    expect(withCeiling({ id: 'a', title: 'a', rps: 10_000, p50: 1, p99: 2, non2xx: 0, errors: 0 }, ceiling(40_000)).percentOfCeiling).toBe(25);
  });

  it('counts a purchase by its requests, not its purchases', () => {
    const purchase = withCeiling({ id: 'p', title: 'p', unit: 'purchases', rps: 200, requestRps: 400, p50: 1, p99: 2, non2xx: 0, errors: 0 }, ceiling(40_000));
    expect(purchase.percentOfCeiling).toBe(1);
  });

  it('has no share without a ceiling or with an empty one', () => {
    expect([percentOf(5, undefined), percentOf(5, 0), percentOf(NaN, 10), percentOf(5, 10)]).toEqual([undefined, undefined, undefined, 50]);
  });
});

describe('the ratios between scenarios of one run', () => {
  const argon2 = { verifiesPerSecond: 50, memoryKiB: 19_456, timeCost: 2, parallelism: 1, concurrency: 1 };
  const run = addRatios(
    [
      scenario('products.by-id.cached', 10_000),
      scenario('products.stock', 1_000),
      scenario('mcp.get-product', 2_000),
      scenario('users.me', 2_000, 40),
      scenario('users.login', 25),
      scenario('users.me.during-logins', 1_600, 70),
      scenario('orders.purchase.uncontended', 200, 150, { unit: 'purchases', requestRps: 400 }),
    ],
    argon2,
  );
  const ratiosOf = (id: string) => run.find((s) => s.id === id)?.ratios;

  it('reads MCP against REST for the same read, a purchase against a stock change, a login against raw argon2id', () => {
    expect(ratiosOf('mcp.get-product')).toEqual([{ of: 'REST GET /products/:id (same hot set)', kind: 'percent', value: 20 }]);
    expect(ratiosOf('orders.purchase.uncontended')).toEqual([{ of: 'PATCH /products/:id/stock', kind: 'percent', value: 20 }]);
    expect(ratiosOf('users.login')).toEqual([{ of: 'raw argon2id verify rate', detail: '50.0/s', kind: 'percent', value: 50 }]);
  });

  it('reads /users/me p99 during a login burst as a multiple of its p99 alone', () => {
    expect(ratiosOf('users.me.during-logins')).toEqual([{ of: 'GET /users/me p99 alone', detail: '40 ms', kind: 'times', value: 1.75 }]);
    expect(ratiosOf('users.me')).toEqual([]);
  });

  it('leaves a ratio out when its other half was not run', () => {
    expect(addRatios([scenario('mcp.get-product', 2_000), scenario('users.login', 25)]).flatMap((s) => s.ratios)).toEqual([]);
  });
});

it('prints a share with one decimal, two below 10%, and a multiple with two', () => {
  expect([formatRatio('percent', 27.14), formatRatio('percent', 0.754), formatRatio('times', 1.7), formatRatio('percent', undefined)]).toEqual([
    '27.1%',
    '0.75%',
    '×1.70',
    '-',
  ]);
});
