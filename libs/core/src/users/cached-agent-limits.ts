import { AgentLimits } from './agent-limits';
import type { AuthStateCache } from './auth-state-cache';

/** Setting an account's agent limit touches its row (updated_at, which GET /users/me shows), so it passes the fence too. */
export class CachedAgentLimits extends AgentLimits {
  constructor(
    private readonly limits: AgentLimits,
    private readonly cache: AuthStateCache,
  ) {
    super();
  }

  find(userId: number): Promise<number | null> {
    return this.limits.find(userId);
  }

  set(userId: number, cents: number | null): Promise<void> {
    return this.cache.change(userId, () => this.limits.set(userId, cents));
  }
}
