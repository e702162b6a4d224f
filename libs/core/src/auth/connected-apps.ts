import { IsArray, IsOptional, IsString } from 'class-validator';
import type { Actor } from './actor';
import { assertCan, assertSignedIn } from './permissions';
import { NotFoundError } from '../common/errors';

/** An app (an OAuth client) holding a grant to act for an account. */
export interface ConnectedApp {
  clientId: string;
  clientName: string | null;
  scopes: string[];
  grantedAt: Date;
  /** When it last obtained a token; null if it never came back after the first. */
  lastUsedAt: Date | null;
}

/** Where grants live: the authorization server's records. */
export abstract class ConnectedApps {
  abstract listFor(userId: number): Promise<ConnectedApp[]>;
  /** Ends this client's grants for this account and everything issued under them; how many grants there were. */
  abstract revoke(userId: number, clientId: string): Promise<number>;
  /** Whether the grant an access token was issued under still stands. */
  abstract isLive(grantId: string): Promise<boolean>;
}

export class ConnectionView {
  @IsString() client_id!: string;
  @IsOptional() @IsString() client_name!: string | null;
  @IsArray() @IsString({ each: true }) scopes!: string[];
  @IsString() granted_at!: string;
  @IsOptional() @IsString() last_used_at!: string | null;
}

/** The apps connected to one's own account, and taking their access away. */
export class ConnectionsService {
  constructor(private readonly apps: ConnectedApps) {}

  async list(actor: Actor): Promise<ConnectionView[]> {
    assertCan(actor, 'user:read-self');
    // Connections belong to an account: the platform acting on its own has none.
    assertSignedIn(actor);
    const apps = await this.apps.listFor(actor.userId);
    return apps.map((a) => ({
      client_id: a.clientId,
      client_name: a.clientName,
      scopes: a.scopes,
      granted_at: a.grantedAt.toISOString(),
      last_used_at: a.lastUsedAt?.toISOString() ?? null,
    }));
  }

  async revoke(actor: Actor, clientId: string): Promise<void> {
    assertCan(actor, 'user:update-self');
    assertSignedIn(actor);
    const ended = await this.apps.revoke(actor.userId, clientId);
    if (ended === 0) throw new NotFoundError('Connection', clientId);
  }
}
