/**
 * Budgets of password guesses, per (account, client address), per account and per client address. The server
 * lib keeps them in Redis when there is one, so they hold across replicas (and across services: the
 * MCP gateway's current-password checks draw on the same budgets as users-api's sign-in).
 *
 * An attempt takes its point BEFORE the password is checked: however many guesses arrive at once, no more
 * are evaluated than the budgets hold. A right password gives the point back.
 */
export abstract class LoginThrottle {
  /** Takes one attempt from every budget the keys name, or from none: RateLimitedError while any is spent. */
  abstract take(keys: LoginThrottleKeys): Promise<void>;
  /**
   * The password was right: the (account, client) budget starts afresh, the wider budgets get this attempt
   * back (they keep the failures, so the owner signing in does not hand an attacker elsewhere a fresh budget).
   */
  abstract succeeded(keys: LoginThrottleKeys): Promise<void>;

  /** Takes an attempt, runs the check, and gives the attempt back when it passes. */
  async attempt(keys: LoginThrottleKeys, check: () => Promise<boolean>): Promise<boolean> {
    await this.take(keys);
    const passed = await check();
    if (passed) await this.succeeded(keys);
    return passed;
  }
}

export interface LoginThrottleKeys {
  /** See loginAccountKey. */
  account: string;
  /** The caller's address, or another stand-in for "where the guesses come from" when the transport has none. */
  client: string;
}

/**
 * The account a login name resolves to, so `Ada`, `ada` and `ada@example.com` share one budget; a name that
 * resolves to no account is keyed by itself, lower-cased.
 */
export function loginAccountKey(user: { id: number } | null, typedName: string): string {
  return user ? `user:${user.id}` : `name:${typedName.toLowerCase()}`;
}
