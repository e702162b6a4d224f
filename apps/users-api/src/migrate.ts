// The one-shot migration job (`node migrate.js` in the users-api image; `npm run migrate` from a checkout):
// applies pending migrations to DATABASE_URL and exits, before any service of a release starts.
import 'reflect-metadata';
import { migrate } from '@mercato/data';
import { DatabaseConfig, loadConfig } from '@mercato/server';

async function main(): Promise<void> {
  // Only the database: the job needs no keys, so it can run before any secret but the URL exists.
  const { DATABASE_URL } = loadConfig(DatabaseConfig);
  const applied = await migrate(DATABASE_URL);
  process.stdout.write(applied.length ? `Applied: ${applied.join(', ')}\n` : 'Database is up to date.\n');
}

main().catch((error: unknown) => {
  console.error(`Migration failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
