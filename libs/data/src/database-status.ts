import type { DataSource } from 'typeorm';
import { pgPoolOf } from './transactions';

/** The pool counters a metrics scrape reads. */
export interface DatabasePool {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
}

/** What health checks and metrics may know of the database, without TypeORM leaking past this lib. */
export class DatabaseStatus {
  constructor(private readonly db: DataSource) {}

  async ping(): Promise<void> {
    await this.db.query('SELECT 1');
  }

  pool(): DatabasePool | undefined {
    return pgPoolOf(this.db);
  }
}
