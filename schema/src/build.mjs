// Writes the four schema files from the sources in this folder: `node schema/src/build.mjs`
// (add `--check` to exit 1 when a committed file differs from what the sources produce).
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { schemas } from './index.mjs';

const outDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const check = process.argv.includes('--check');
let stale = 0;
for (const [file, schema] of Object.entries(schemas)) {
  const text = `${JSON.stringify(schema, null, 2)}\n`;
  const path = join(outDir, file);
  if (check) {
    let current = '';
    try {
      current = readFileSync(path, 'utf8');
    } catch {
      current = '';
    }
    if (current !== text) {
      stale++;
      console.error(`stale: schema/${file}`);
    }
  } else {
    writeFileSync(path, text);
  }
}
if (stale > 0) process.exit(1);
