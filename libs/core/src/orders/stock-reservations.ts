import { StockShortfallError, UnprocessableError, type StockShortage } from '../common/errors';
import type { Product } from '../products/product';
import type { ProductsRepository } from '../products/products.repository';

export interface StockChange {
  productId: number;
  /** Units to take from the product's stock (positive) or give back to it (negative). */
  delta: number;
  /** Units of it the checkout already holds, so a refusal can name the whole quantity asked for. */
  held?: number;
  /** The input the product came from, named when it cannot be bought. */
  field?: string;
}

/**
 * Applies every change through the products port's guarded adjustStock, in ascending product id so two units
 * never lock the same rows in opposite orders. All or nothing: when a product cannot be bought it throws
 * (unknown or inactive first, then every line short of stock), and the unit around it rolls back what was taken.
 * Giving back to a product since deactivated gives nothing: it can no longer be sold, so its stock counts for
 * nothing. Returns the products stock was taken from, with their current name and price.
 */
export async function applyStockChanges(products: ProductsRepository, changes: readonly StockChange[]): Promise<Map<number, Product>> {
  const taken = new Map<number, Product>();
  const unknown: StockChange[] = [];
  const short: StockShortage[] = [];
  for (const change of [...changes].sort((a, b) => a.productId - b.productId)) {
    if (change.delta === 0) continue;
    const product = await products.adjustStock(change.productId, -change.delta);
    if (change.delta < 0) continue;
    if (product) {
      taken.set(product.id, product);
      continue;
    }
    const current = await products.findById(change.productId);
    const held = change.held ?? 0;
    if (!current?.isActive) unknown.push(change);
    else short.push({ product_id: change.productId, requested: change.delta + held, available: current.stock + held });
  }
  const [first] = unknown;
  if (first) throw new UnprocessableError(`Product ${first.productId} does not exist or is no longer sold`, first.field);
  if (short.length > 0) throw new StockShortfallError(short);
  return taken;
}

/** Gives back every unit the lines hold. */
export async function releaseStock(products: ProductsRepository, lines: readonly { productId: number; quantity: number }[]): Promise<void> {
  await applyStockChanges(
    products,
    lines.map((line) => ({ productId: line.productId, delta: -line.quantity })),
  );
}
