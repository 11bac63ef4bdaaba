#!/usr/bin/env node
// Starts the command line from the single-file build (dist/cli.cjs) with its V8 code cache when
// V8 accepts it (see scripts/bundle-cli.mjs); falls back to the module build otherwise.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';

const dist = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist');

async function loadCli() {
  const file = join(dist, 'cli.cjs');
  let source;
  try {
    source = readFileSync(file, 'utf8');
  } catch {
    return import('../dist/cli/main.js');
  }
  let cachedData;
  try {
    cachedData = readFileSync(`${file}.cache`);
  } catch {
    cachedData = undefined;
  }
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename: file,
    cachedData,
  });
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(file), module, file, dist);
  return module.exports;
}

const { main } = await loadCli();
process.exitCode = await main(
  process.argv.slice(2),
  { stdout: (s) => process.stdout.write(s), stderr: (s) => process.stderr.write(s) },
  { cwd: process.cwd(), env: process.env },
);
