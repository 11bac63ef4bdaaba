#!/usr/bin/env node
/**
 * After `tsc -p tsconfig.build.json`: copies the generated files tsc does not emit (the ajv
 * validator module validators.js with its hand-written declaration file)
 * from src/generated/ into dist/generated/ (or `<outDir>/generated/` with `node copy-generated.mjs <outDir>`).
 */
import { cpSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const from = join(root, 'src', 'generated');
const to = join(process.argv[2] ? resolve(process.argv[2]) : join(root, 'dist'), 'generated');
mkdirSync(to, { recursive: true });
for (const f of readdirSync(from)) {
  if (f.endsWith('.js') || (f.endsWith('.d.ts') && existsSync(join(from, f.replace(/\.d\.ts$/, '.js'))))) cpSync(join(from, f), join(to, f));
}
