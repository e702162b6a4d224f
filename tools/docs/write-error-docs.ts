// npm run docs:errors — writes docs/ERRORS.md from the error catalogue in libs/core.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderErrorDocs } from './render-error-docs';

const file = join(__dirname, '../../docs/ERRORS.md');
writeFileSync(file, renderErrorDocs());
process.stdout.write(`Wrote ${file}\n`);
