// npm run docs:helm — rewrites the values table in k8s/helm/mercato/README.md from the comments in values.yaml.
import { writeFileSync } from 'node:fs';
import { README_FILE, renderReadme } from './helm-docs';

writeFileSync(README_FILE, renderReadme());
process.stdout.write(`Wrote ${README_FILE}\n`);
