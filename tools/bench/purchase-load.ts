import autocannon from 'autocannon';
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { LoadResult } from './autocannon-run';

export interface LineItem {
  product_id: number;
  quantity: number;
}

export interface PurchaseSpec {
  title: string;
  /** orders-api's base URL. */
  baseUrl: string;
  /** A buyer's token for the REST APIs. */
  token: string;
  /** The lines of the next purchase. */
  basket: () => LineItem[];
  connections: number;
  /** Seconds; every run is bounded in time. */
  duration: number;
}

/** How a purchase run went, as the buyers saw it. */
export interface PurchaseRun {
  title: string;
  /** Orders answered 201. */
  purchases: number;
  /** Units in those orders. */
  unitsBought: number;
  /** Checkouts refused with 409 insufficient-stock: expected where stock is limited, and not failures. */
  soldOut: number;
  /** Seconds into the run: of the first sold-out refusal, and of the last purchase. */
  soldOutAfter?: number;
  lastPurchaseAfter: number;
  /** Any other answer, by step and status (`complete 500`). */
  unexpected: Map<string, number>;
  /** Milliseconds from sending each purchase's checkout to its order's answer. */
  purchaseMs: number[];
  requestsPerSecond: number;
  requestP99: number;
  /** Connection errors and timeouts. */
  errors: number;
}

interface PurchaseContext {
  checkoutId?: string;
  units: number;
  startedAt: number;
}

/**
 * Every autocannon connection is a buyer making one purchase after another: POST /checkouts, then POST
 * /checkouts/:id/complete on the checkout it answered, each with an Idempotency-Key of its own. A refused checkout
 * skips the completion and starts the next purchase. In-flight requests are abandoned when the time is up, as at the
 * end of any autocannon run, so some checkouts are left holding stock and some orders are made unanswered.
 */
export async function runPurchases(spec: PurchaseSpec): Promise<PurchaseRun> {
  const auth = { authorization: `Bearer ${spec.token}` };
  const unexpected = new Map<string, number>();
  const other = (step: string, status: number) => unexpected.set(`${step} ${status}`, (unexpected.get(`${step} ${status}`) ?? 0) + 1);
  const purchaseMs: number[] = [];
  let unitsBought = 0;
  let soldOut = 0;
  let soldOutAt: number | undefined;
  let lastPurchaseAt = 0;
  const startedAt = performance.now();

  const checkout: autocannon.Request = {
    method: 'POST',
    path: '/api/v1/checkouts',
    setupRequest: (request, context) => {
      const purchase = context as PurchaseContext;
      const lines = spec.basket();
      purchase.units = lines.reduce((sum, line) => sum + line.quantity, 0);
      purchase.startedAt = performance.now();
      return {
        ...request,
        headers: { ...auth, 'content-type': 'application/json', 'idempotency-key': randomUUID() },
        body: JSON.stringify({ line_items: lines }),
      };
    },
    onResponse: (status, body, context) => {
      if (status === 201) (context as PurchaseContext).checkoutId = (JSON.parse(body) as { id: string }).id;
      else if (status === 409 && body.includes('insufficient-stock')) {
        soldOut++;
        soldOutAt ??= performance.now();
      } else other('checkout', status);
    },
  };
  const complete: autocannon.Request = {
    method: 'POST',
    // No checkout to complete: returning nothing makes autocannon start over with the next checkout.
    setupRequest: (request, context) => {
      const { checkoutId } = context as PurchaseContext;
      const next = checkoutId ? { ...request, path: `/api/v1/checkouts/${checkoutId}/complete`, headers: { ...auth, 'idempotency-key': randomUUID() } } : null;
      return next as autocannon.Request;
    },
    onResponse: (status, _body, context) => {
      if (status !== 201) {
        other('complete', status);
        return;
      }
      const purchase = context as PurchaseContext;
      lastPurchaseAt = performance.now();
      unitsBought += purchase.units;
      purchaseMs.push(lastPurchaseAt - purchase.startedAt);
    },
  };

  const result = await autocannon({ url: spec.baseUrl, connections: spec.connections, duration: spec.duration, requests: [checkout, complete] });
  const secondsAt = (at: number) => (at - startedAt) / 1000;
  return {
    title: spec.title,
    purchases: purchaseMs.length,
    unitsBought,
    soldOut,
    soldOutAfter: soldOutAt === undefined ? undefined : secondsAt(soldOutAt),
    lastPurchaseAfter: purchaseMs.length ? secondsAt(lastPurchaseAt) : 0,
    unexpected,
    purchaseMs,
    requestsPerSecond: Math.round(result.requests.average),
    requestP99: result.latency.p99,
    errors: result.errors + result.timeouts,
  };
}

/** Purchases per second while they were being made: over the whole run, or until the last unit was sold. */
export function purchaseRate(run: Pick<PurchaseRun, 'purchases' | 'lastPurchaseAfter'>): number {
  return run.lastPurchaseAfter > 0 ? run.purchases / run.lastPurchaseAfter : 0;
}

/** The nearest-rank percentile of ascending `sorted`; NaN when there is nothing to rank. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length))) - 1];
}

/** The table's row: purchases per second, each purchase's latency (checkout and completion together), and the refusals. */
export function purchaseResult(run: PurchaseRun, check?: LoadResult['check']): LoadResult {
  const sorted = [...run.purchaseMs].sort((a, b) => a - b);
  const surprises = [...run.unexpected].map(([answer, n]) => `${answer} ×${n}`);
  const notes = [
    run.soldOutAfter === undefined ? 'never sold out' : `sold out at ${run.soldOutAfter.toFixed(1)} s, then 409 ×${run.soldOut} (expected)`,
    `${run.requestsPerSecond} req/s, request p99 ${run.requestP99} ms`,
    ...(surprises.length ? [`unexpected: ${surprises.join(', ')}`] : []),
  ];
  return {
    title: run.title,
    unit: 'purchases',
    rps: Math.round(purchaseRate(run)),
    requestRps: run.requestsPerSecond,
    p50: Math.round(percentile(sorted, 50)),
    p99: Math.round(percentile(sorted, 99)),
    non2xx: [...run.unexpected.values()].reduce((sum, n) => sum + n, 0),
    errors: run.errors,
    note: notes.join('; '),
    check,
  };
}
