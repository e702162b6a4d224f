// npm run migrate — applies pending migrations to DATABASE_URL (the one-shot job in compose and Kubernetes).
import { migrate } from '@mercato/data';

async function main(): Promise<void> {
  const url = process.env['DATABASE_URL'];
  if (!url) throw new Error('Set DATABASE_URL to the database to migrate (npm start migrates its embedded one by itself).');
  const applied = await migrate(url);
  console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'Database is up to date.');
}

main().catch((error: unknown) => {
  console.error(`Migration failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
