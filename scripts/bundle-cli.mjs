// Builds the command line into single files, each with a V8 code cache next to it:
//   dist/cli.cjs       every command (src/cli/main.ts)
//   dist/cli-helm.cjs  `helm ...` only (src/cli/helm-main.ts): no IstioOperator schema or validators
//
// Why: a command-line run of `istio-installer` is dominated by Node loading and compiling our
// modules, not by rendering. One bundled file avoids resolving and reading ~150 modules, and the
// code cache (V8 bytecode of the functions a typical run executes) lets the next start skip most
// compilation. bin/istio-installer.cjs uses the cache when V8 accepts it and otherwise compiles
// normally, so a stale or foreign cache only costs speed, never correctness.
//
// The cache is made after running a representative command in-process (rendering the benchmark
// chart), so it also holds the functions compiled lazily during rendering.
import { build } from 'esbuild';
import { readFileSync, writeFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Loads a bundle the way bin/istio-installer.cjs does and returns its exports and script. */
export function loadBundle(file, cachedData) {
  const source = readFileSync(file, 'utf8');
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename: file,
    cachedData,
  });
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(file), module, file, dirname(file));
  return { exports: module.exports, script };
}

const sink = { stdout: () => {}, stderr: () => {} };
const chart = join(root, 'bench', 'charts', 'mesh');

async function bundle(entry, out, warmups) {
  await build({
    entryPoints: [join(root, 'src', 'cli', entry)],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    outfile: out,
    logLevel: 'warning',
    legalComments: 'none',
  });
  const cacheFile = `${out}.cache`;
  rmSync(cacheFile, { force: true });
  const { exports: cli, script } = loadBundle(out);
  for (const argv of warmups) {
    try {
      await cli.main(argv, sink, { cwd: root, env: {} });
    } catch {
      // A command that does not exist yet just warms less code.
    }
  }
  writeFileSync(cacheFile, script.createCachedData());
}

await bundle('main.ts', join(root, 'dist', 'cli.cjs'), [['profile', 'dump', 'demo'], ['--help']]);
await bundle('helm-main.ts', join(root, 'dist', 'cli-helm.cjs'), [['helm', 'template', 'warm', chart]]);
