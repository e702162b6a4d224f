import type { DataSource } from 'typeorm';

/** One stored document of the authorization server, as its library hands it over. */
export type OAuthPayload = Record<string, unknown> & {
  grantId?: string;
  uid?: string;
  accountId?: string;
  clientId?: string;
  userCode?: string;
  consumed?: number;
};

/**
 * The storage interface the authorization server's library calls for each of its models (Session, Grant,
 * AuthorizationCode, RefreshToken, Client, Interaction, …). An expired document is never returned: the library
 * relies on the store for expiry.
 */
export class OAuthModelStore {
  constructor(
    private readonly db: DataSource,
    private readonly model: string,
  ) {}

  async upsert(id: string, payload: OAuthPayload, expiresInSeconds?: number): Promise<void> {
    await this.db.query(
      `INSERT INTO oauth_records (model, id, payload, grant_id, uid, account_id, client_id, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, CASE WHEN $8::int IS NULL THEN NULL ELSE now() + make_interval(secs => $8::int) END)
       ON CONFLICT (model, id) DO UPDATE SET payload = EXCLUDED.payload, grant_id = EXCLUDED.grant_id, uid = EXCLUDED.uid,
         account_id = EXCLUDED.account_id, client_id = EXCLUDED.client_id, expires_at = EXCLUDED.expires_at`,
      [this.model, id, payload, payload.grantId ?? null, payload.uid ?? null, payload.accountId ?? null, payload.clientId ?? null, expiresInSeconds ?? null],
    );
  }

  find(id: string): Promise<OAuthPayload | undefined> {
    return this.findWhere('id = $2', id);
  }

  findByUid(uid: string): Promise<OAuthPayload | undefined> {
    return this.findWhere('uid = $2', uid);
  }

  findByUserCode(userCode: string): Promise<OAuthPayload | undefined> {
    return this.findWhere(`payload->>'userCode' = $2`, userCode);
  }

  /** Marks a code or token used; the library then refuses it, and revokes its grant if it comes back. */
  async consume(id: string): Promise<void> {
    await this.db.query(
      `UPDATE oauth_records SET consumed_at = now(), payload = payload || jsonb_build_object('consumed', extract(epoch FROM now())::bigint)
        WHERE model = $1 AND id = $2`,
      [this.model, id],
    );
  }

  async destroy(id: string): Promise<void> {
    await this.db.query(`DELETE FROM oauth_records WHERE model = $1 AND id = $2`, [this.model, id]);
  }

  /** Ends everything issued under one grant, of every model: a reused code or refresh token, or a revoked app. */
  async revokeByGrantId(grantId: string): Promise<void> {
    await this.db.query(`DELETE FROM oauth_records WHERE grant_id = $1`, [grantId]);
  }

  private async findWhere(condition: string, value: string): Promise<OAuthPayload | undefined> {
    const rows = (await this.db.query(`SELECT payload FROM oauth_records WHERE model = $1 AND ${condition} AND (expires_at IS NULL OR expires_at > now())`, [
      this.model,
      value,
    ])) as { payload: OAuthPayload }[];
    return rows[0]?.payload;
  }
}

/** Opens the store of each model on one DataSource. */
export class OAuthRecords {
  constructor(private readonly db: DataSource) {}

  model(name: string): OAuthModelStore {
    return new OAuthModelStore(this.db, name);
  }
}
