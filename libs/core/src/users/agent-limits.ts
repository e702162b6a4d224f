import { IsBoolean, IsNumber, Max, Min, ValidateIf } from 'class-validator';
import type { Actor, UserActor } from '../auth/actor';
import { assertCan, assertSignedIn } from '../auth/permissions';
import { ForbiddenError } from '../common/errors';
import { fromCents, toCents } from '../orders/money';

/** The most an account may let apps spend per checkout without asking: a million in the shop's currency. */
export const MAX_AGENT_LIMIT = 1_000_000;

/** Where each account's own limit is kept; libs/data implements it on the users table. */
export abstract class AgentLimits {
  /** The account's limit in cents, or null while it follows the platform default. */
  abstract find(userId: number): Promise<number | null>;
  abstract set(userId: number, cents: number | null): Promise<void>;
}

export class SetAgentLimitDto {
  /** The most an app may spend per checkout without your approval, in the shop's currency; null restores the default. */
  @ValidateIf((o: SetAgentLimitDto) => o.limit !== null)
  @IsNumber({ maxDecimalPlaces: 2, allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(MAX_AGENT_LIMIT)
  limit!: number | null;
}

export class AgentLimitView {
  @IsNumber({ maxDecimalPlaces: 2 }) limit!: number;
  /** True while the account follows the platform default (AGENT_CHECKOUT_LIMIT). */
  @IsBoolean() is_default!: boolean;
}

/**
 * A human stays in charge of what apps spend: a checkout an app completes for a user above the user's limit waits
 * for the user's approval (see CheckoutsService.complete). Only the user, signed in to Mercato themselves, may
 * read or change the limit; a token issued to an app may not raise its own ceiling.
 */
export class AgentLimitsService {
  constructor(
    private readonly limits: AgentLimits,
    /** AGENT_CHECKOUT_LIMIT, in cents. */
    private readonly defaultCents: number,
  ) {}

  async get(actor: Actor): Promise<AgentLimitView> {
    assertCan(actor, 'user:read-self');
    assertSignedIn(actor);
    return this.view(await this.limits.find(actor.userId));
  }

  async set(actor: Actor, { limit }: SetAgentLimitDto): Promise<AgentLimitView> {
    assertCan(actor, 'user:update-self');
    assertSignedIn(actor);
    assertFirstParty(actor, 'change the agent spending limit');
    const cents = limit === null ? null : toCents(limit);
    await this.limits.set(actor.userId, cents);
    return this.view(cents);
  }

  /** What apps may spend per checkout for the account, in cents. */
  async centsFor(userId: number): Promise<number> {
    return (await this.limits.find(userId)) ?? this.defaultCents;
  }

  private view(cents: number | null): AgentLimitView {
    return { limit: fromCents(cents ?? this.defaultCents), is_default: cents === null };
  }
}

/** Refuses an app acting for the user: some decisions are the user's own. */
export function assertFirstParty(actor: UserActor, what: string): void {
  if (actor.clientId !== undefined) throw new ForbiddenError(`Only you, signed in to Mercato, can ${what}; an app acting for you cannot`);
}
