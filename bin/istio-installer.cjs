#!/usr/bin/env node
'use strict';
// Starts the command line from a single-file build with its V8 code cache (see
// scripts/bundle-cli.mjs): dist/cli-helm.cjs for `helm ...`, dist/cli.cjs for everything else.
// A cache V8 rejects only costs speed. Without the bundles it falls back to the module build.
// CommonJS on purpose: it starts faster than an ES module entry.
const { readFileSync } = require('node:fs');
const { createRequire } = require('node:module');
const { join } = require('node:path');
const vm = require('node:vm');

const dist = join(__dirname, '..', 'dist');
const argv = process.argv.slice(2);

function loadBundle(name) {
  const file = join(dist, name);
  let source;
  try {
    source = readFileSync(file, 'utf8');
  } catch {
    return undefined;
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

// A reader that goes away early (`istio-installer manifest generate | head`) is not an error:
// stop quietly, as cat and kubectl do, instead of dying on an unhandled EPIPE.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e) => {
    if (e && e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
}

async function start() {
  const cli = loadBundle(argv[0] === 'helm' ? 'cli-helm.cjs' : 'cli.cjs') ?? (await import('../dist/cli/main.js'));
  process.exitCode = await cli.main(
    argv,
    { stdout: (s) => process.stdout.write(s), stderr: (s) => process.stderr.write(s) },
    { cwd: process.cwd(), env: process.env },
  );
}

start();
