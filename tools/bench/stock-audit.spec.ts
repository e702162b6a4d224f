import { auditStock, describeAudit } from './stock-audit';

const initial = new Map([
  [1, 100],
  [2, 5],
]);

describe('the oversell check', () => {
  it('holds when every unit is sold, held by an open checkout or still in stock', () => {
    const audit = auditStock(
      initial,
      [
        { productId: 1, stock: 90, sold: 8, held: 2 },
        { productId: 2, stock: 0, sold: 5, held: 0 },
      ],
      12,
    );
    expect(audit).toMatchObject({ holds: true, violations: [], totals: { initial: 105, sold: 13, held: 2, inStock: 90 } });
    expect(describeAudit(audit)).toBe(
      'oversell check holds (2 products: 105 units at start = 13 sold + 2 held in open checkouts + 90 in stock; 12 confirmed to buyers)',
    );
  });

  it('fails when more units were sold than the product had, even though the books balance', () => {
    const audit = auditStock(
      initial,
      [
        { productId: 1, stock: 100, sold: 0, held: 0 },
        { productId: 2, stock: -1, sold: 6, held: 0 },
      ],
      6,
    );
    expect(audit.holds).toBe(false);
    expect(audit.violations).toEqual(['product 2: stock is -1, below zero']);
    expect(describeAudit(audit)).toMatch(/^OVERSELL CHECK FAILED: product 2: stock is -1, below zero \(/);
  });

  it('fails when units are unaccounted for, or accounted for twice', () => {
    const audit = auditStock(
      initial,
      [
        { productId: 1, stock: 95, sold: 4, held: 0 },
        { productId: 2, stock: 1, sold: 4, held: 1 },
      ],
      0,
    );
    expect(audit.violations).toEqual([
      'product 1: 4 sold + 0 held + 95 in stock = 99, but it started with 100',
      'product 2: 4 sold + 1 held + 1 in stock = 6, but it started with 5',
    ]);
  });

  it('fails when a buyer was told of a purchase that no order holds, or a product is gone', () => {
    const audit = auditStock(initial, [{ productId: 1, stock: 99, sold: 1, held: 0 }], 2);
    expect(audit.violations).toEqual(['product 2 is gone from the catalog', 'buyers were told 2 units were bought, but orders hold only 1']);
  });

  it('names the first few violations and counts the rest', () => {
    const many = new Map(Array.from({ length: 8 }, (_, i) => [i + 1, 1] as [number, number]));
    expect(describeAudit(auditStock(many, [], 0), 2)).toMatch(
      /^OVERSELL CHECK FAILED: product 1 is gone from the catalog; product 2 is gone from the catalog; and 6 more \(/,
    );
  });
});
