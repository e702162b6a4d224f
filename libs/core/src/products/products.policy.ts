import type { Actor } from '../auth/actor';
import { assertCan, can } from '../auth/permissions';

/** Inactive products exist only for those who manage the catalog; to everyone else they are not found. */
export function canSeeInactiveProducts(actor: Actor): boolean {
  return can(actor, 'product:read-inactive');
}

/**
 * The activity filter a caller's list may use: those who may read inactive products choose (or see all), everyone
 * else sees active products only and may not ask for inactive ones.
 */
export function activityFilterFor(actor: Actor, requested: boolean | undefined): boolean | undefined {
  if (canSeeInactiveProducts(actor)) return requested;
  if (requested === false) assertCan(actor, 'product:read-inactive');
  return true;
}

export function assertCanWriteProducts(actor: Actor): void {
  assertCan(actor, 'product:write');
}

/** The low-stock report: what needs restocking, readable without the right to change the catalog. */
export function assertCanReadStockLevels(actor: Actor): void {
  assertCan(actor, 'product:read-stock');
}
