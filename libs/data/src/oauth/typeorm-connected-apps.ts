import { type ConnectedApp, ConnectedApps } from '@mercato/core';
import type { DataSource } from 'typeorm';

interface GrantRow {
  client_id: string;
  client_name: string | null;
  payload: { resources?: Record<string, string>; openid?: { scope?: string } };
  granted_at: Date;
  last_used_at: Date | null;
}

/** Grants as the authorization server stores them (oauth_records, model `Grant`), read and ended per account. */
export class TypeormConnectedApps extends ConnectedApps {
  constructor(private readonly db: DataSource) {
    super();
  }

  async listFor(userId: number): Promise<ConnectedApp[]> {
    const rows = (await this.db.query(
      `SELECT g.client_id, c.payload->>'client_name' AS client_name, g.payload, g.created_at AS granted_at,
              (SELECT max(t.created_at) FROM oauth_records t WHERE t.grant_id = g.id AND t.model = 'RefreshToken') AS last_used_at
         FROM oauth_records g
         LEFT JOIN oauth_records c ON c.model = 'Client' AND c.id = g.client_id
        WHERE g.model = 'Grant' AND g.account_id = $1 AND (g.expires_at IS NULL OR g.expires_at > now())
        ORDER BY g.created_at DESC`,
      [String(userId)],
    )) as GrantRow[];
    const byClient = new Map<string, ConnectedApp>();
    for (const row of rows) {
      const scopes = new Set(Object.values(row.payload.resources ?? {}).flatMap((s) => s.split(' ')));
      const known = byClient.get(row.client_id);
      if (known) {
        for (const s of known.scopes) scopes.add(s);
        known.scopes = [...scopes].sort();
        continue;
      }
      byClient.set(row.client_id, {
        clientId: row.client_id,
        clientName: row.client_name,
        scopes: [...scopes].filter(Boolean).sort(),
        grantedAt: row.granted_at,
        lastUsedAt: row.last_used_at,
      });
    }
    return [...byClient.values()];
  }

  async revoke(userId: number, clientId: string): Promise<number> {
    return this.db.transaction(async (tx) => {
      const [ended] = (await tx.query(`DELETE FROM oauth_records WHERE model = 'Grant' AND account_id = $1 AND client_id = $2 RETURNING id`, [
        String(userId),
        clientId,
      ])) as [{ id: string }[], number];
      if (ended.length) await tx.query(`DELETE FROM oauth_records WHERE grant_id = ANY($1::text[])`, [ended.map((g) => g.id)]);
      return ended.length;
    });
  }

  async isLive(grantId: string): Promise<boolean> {
    const rows = (await this.db.query(`SELECT 1 FROM oauth_records WHERE model = 'Grant' AND id = $1 AND (expires_at IS NULL OR expires_at > now())`, [
      grantId,
    ])) as unknown[];
    return rows.length > 0;
  }
}
