/** Where one product's units are, read in one snapshot after a run. */
export interface StockLedgerRow {
  productId: number;
  /** Units still on sale. */
  stock: number;
  /** Units in orders that are not canceled. */
  sold: number;
  /** Units reserved by checkouts still holding stock (`ready_for_complete`, expired or not yet released). */
  held: number;
}

export interface StockAudit {
  holds: boolean;
  products: number;
  totals: { initial: number; sold: number; held: number; inStock: number };
  /** Units the buyers were answered 201 for on completion. */
  confirmed: number;
  violations: string[];
}

/**
 * The oversell check. Every unit a product started with must be in exactly one place: sold, held by an open checkout,
 * or still in stock; and no stock may be below zero. Stock only falls during a run (the bench cancels nothing, and a
 * checkout holds its stock for 15 minutes by default), so a stock not below zero at the end never was. Every unit a
 * buyer was told was bought must be in an order; orders may hold more, completed after autocannon stopped listening.
 */
export function auditStock(initial: ReadonlyMap<number, number>, ledger: readonly StockLedgerRow[], confirmed: number): StockAudit {
  const rows = new Map(ledger.map((row) => [row.productId, row]));
  const totals = { initial: 0, sold: 0, held: 0, inStock: 0 };
  const violations: string[] = [];
  for (const [productId, start] of initial) {
    const row = rows.get(productId);
    if (!row) {
      violations.push(`product ${productId} is gone from the catalog`);
      continue;
    }
    totals.initial += start;
    totals.sold += row.sold;
    totals.held += row.held;
    totals.inStock += row.stock;
    if (row.stock < 0) violations.push(`product ${productId}: stock is ${row.stock}, below zero`);
    const accounted = row.sold + row.held + row.stock;
    if (accounted !== start) {
      violations.push(`product ${productId}: ${row.sold} sold + ${row.held} held + ${row.stock} in stock = ${accounted}, but it started with ${start}`);
    }
  }
  if (totals.sold < confirmed) violations.push(`buyers were told ${confirmed} units were bought, but orders hold only ${totals.sold}`);
  return { holds: violations.length === 0, products: initial.size, totals, confirmed, violations };
}

/** One line for the report; a failing audit names its first violations. */
export function describeAudit(audit: StockAudit, shown = 5): string {
  const n = (units: number) => units.toLocaleString('en-US');
  const { initial, sold, held, inStock } = audit.totals;
  const books = `${n(audit.products)} products: ${n(initial)} units at start = ${n(sold)} sold + ${n(held)} held in open checkouts + ${n(inStock)} in stock; ${n(audit.confirmed)} confirmed to buyers`;
  if (audit.holds) return `oversell check holds (${books})`;
  const more = audit.violations.length > shown ? `; and ${audit.violations.length - shown} more` : '';
  return `OVERSELL CHECK FAILED: ${audit.violations.slice(0, shown).join('; ')}${more} (${books})`;
}
