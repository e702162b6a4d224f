// The one-shot migration job (`node migrate.js` in the users-api image; `npm run migrate` from a checkout):
// applies pending migrations to DATABASE_URL and exits, before any service of a release starts.
import 'reflect-metadata';
import { migrate } from '@mercato/data';
import { loadConfig } from '@mercato/server';
import { Matches } from 'class-validator';

/** Only the database: the job needs no keys, so it can run before any secret but the URL exists. */
class MigrationConfig {
  @Matches(/^postgres(ql)?:\/\//, { message: 'DATABASE_URL must be a postgres:// URL' }) DATABASE_URL!: string;
}

async function main(): Promise<void> {
  const { DATABASE_URL } = loadConfig(MigrationConfig);
  const applied = await migrate(DATABASE_URL);
  process.stdout.write(applied.length ? `Applied: ${applied.join(', ')}\n` : 'Database is up to date.\n');
}

main().catch((error: unknown) => {
  console.error(`Migration failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
