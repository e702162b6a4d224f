import type { Permission } from './permissions';

/**
 * The OAuth scopes a token may carry (RFC 9068's `scope` claim), a closed set. A scope never grants anything:
 * it narrows the account's role, so a token may do what both its role and its scopes allow. Few and coarse on
 * purpose, since people read them on the consent page. New scopes go at the end: the order here is the order
 * of every scope list the platform sends.
 */
export const SCOPES = ['users:read', 'users:write', 'catalog:read', 'catalog:write', 'orders:read', 'orders:write'] as const;
export type Scope = (typeof SCOPES)[number];

/** What each scope lets an agent do, in plain words, for the consent page and the documentation. */
export const SCOPE_DESCRIPTIONS: Readonly<Record<Scope, string>> = {
  'users:read': 'See your account: your name, e-mail, username and role. For admins, also every other account and the account statistics.',
  'users:write': 'Change your name, e-mail and password. For admins, also create accounts, change their roles and deactivate them.',
  'catalog:read': 'For admins: see the low-stock report, deactivated products and the catalog statistics. Active products are public and need no scope.',
  'catalog:write': 'For admins: add, change and deactivate products, and add or remove stock.',
  'orders:read': "See your checkouts and orders. For admins, also every account's orders and the sales reports.",
  'orders:write':
    'Buy on your behalf: start, change, complete and cancel checkouts, and cancel your orders. For admins, also cancel any order and mark orders shipped or delivered.',
};

/**
 * The one scope that covers each permission: reads under `:read`, changes under `:write`. Judgement calls:
 * - reading your own account is `users:read`, like reading anyone's: one scope for "see accounts", and the role
 *   still decides whose;
 * - changing your own account, roles and deactivation are all `users:write`: the consent page asks once to
 *   "change accounts", and only admins hold the role-changing permissions anyway;
 * - the statistics and the low-stock report are reads (`users:read`, `catalog:read`), as the permissions say;
 * - what needs no permission needs no scope: active products are public, and text analysis reads no data;
 * - buying is one permission under `orders:write` (start, change, complete and cancel a checkout, cancel one's
 *   own order): an agent allowed to buy must also be able to undo its purchase; the sales reports are reads.
 */
const COVERING_SCOPE: Readonly<Record<Permission, Scope>> = {
  'user:read-self': 'users:read',
  'user:read-any': 'users:read',
  'user:list': 'users:read',
  'user:stats': 'users:read',
  'user:update-self': 'users:write',
  'user:update-any': 'users:write',
  'user:create': 'users:write',
  'user:set-role': 'users:write',
  'user:deactivate': 'users:write',
  'product:read-inactive': 'catalog:read',
  'product:read-stock': 'catalog:read',
  'product:stats': 'catalog:read',
  'product:write': 'catalog:write',
  'order:read-own': 'orders:read',
  'order:read-any': 'orders:read',
  'order:analytics': 'orders:read',
  'order:buy': 'orders:write',
  'order:cancel-any': 'orders:write',
  'order:set-status': 'orders:write',
};

export function scopeCovering(permission: Permission): Scope {
  return COVERING_SCOPE[permission];
}

export function isScope(value: unknown): value is Scope {
  return (SCOPES as readonly unknown[]).includes(value);
}

/**
 * The scopes named in a `scope` claim (space-separated, RFC 6749 §3.3), in vocabulary order. Names this
 * vocabulary does not know are skipped rather than refused: a newer authorization server may grant scopes an
 * older service has not heard of, and a scope can only narrow, so skipping one never grants more.
 */
export function parseScopes(claim: string): Scope[] {
  const named = new Set(claim.split(' '));
  return SCOPES.filter((scope) => named.has(scope));
}
