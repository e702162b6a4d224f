import { percentile, purchaseRate, purchaseResult, type PurchaseRun } from './purchase-load';

const run: PurchaseRun = {
  title: 'contended',
  purchases: 4,
  unitsBought: 4,
  soldOut: 30,
  soldOutAfter: 2.04,
  lastPurchaseAfter: 2,
  unexpected: new Map([['complete 500', 1]]),
  purchaseMs: [40.4, 10.2, 30, 20],
  requestsPerSecond: 38,
  requestP99: 51,
  errors: 2,
};

describe('purchase results', () => {
  it('ranks latencies by nearest rank, and has none to rank without purchases', () => {
    const sorted = Array.from({ length: 100 }, (_, i) => i + 1);
    expect([percentile(sorted, 50), percentile(sorted, 99), percentile(sorted, 100), percentile([7], 99)]).toEqual([50, 99, 100, 7]);
    expect(percentile([], 50)).toBeNaN();
  });

  it('counts purchases per second while they were being made, not over the refusals after the stock ran out', () => {
    expect(purchaseRate(run)).toBe(2);
    expect(purchaseRate({ purchases: 0, lastPurchaseAfter: 0 })).toBe(0);
  });

  it('reports sold-out refusals as expected and anything else as failed', () => {
    expect(purchaseResult(run)).toEqual({
      title: 'contended',
      unit: 'purchases',
      rps: 2,
      requestRps: 38,
      p50: 20,
      p99: 40,
      non2xx: 1,
      errors: 2,
      note: 'sold out at 2.0 s, then 409 ×30 (expected); 38 req/s, request p99 51 ms; unexpected: complete 500 ×1',
      check: undefined,
    });
  });
});
