/**
 * Shared chart templates: every file in scripts/gen/chart-shared/ starts with the line
 * `{{/* shared by: <chart> <chart> ... *\/}}`; gen copies it to charts/<chart>/templates/<file>
 * for each chart listed whose charts/<chart>/Chart.yaml exists. The copy's first line is a
 * generated-file header (a Go template comment, so the copy renders exactly as the source
 * would), the rest is the source without its first line.
 *
 * A file under charts/<chart>/templates/ that starts with the header but that gen would not write
 * (its source is gone, or no longer lists the chart) is stale and gets removed.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const SHARED_DIR = 'scripts/gen/chart-shared';
const SHARED_BY = /^\{\{-?\s*\/\*\s*shared by:([^*]*)\*\/\s*-?\}\}$/;
const CHART_NAME = /^[a-z0-9][a-z0-9-]*$/;

/** The first line of every generated copy. */
export function sharedHeader(file) {
  return `{{/* Generated from ${SHARED_DIR}/${file} by \`npm run gen\`; do not edit (edit the source). */}}`;
}

/** Whether `text` (a file under charts/<chart>/templates/) is a generated shared copy. */
export function isSharedCopy(text) {
  return /^\{\{\/\* Generated from scripts\/gen\/chart-shared\/[^ ]+ by `npm run gen`; do not edit/.test(text);
}

/** The chart names in a source's first line; throws when the line is not the `shared by` comment. */
export function sharedBy(file, text) {
  const nl = text.indexOf('\n');
  const first = (nl < 0 ? text : text.slice(0, nl)).replace(/\r$/, '');
  const m = SHARED_BY.exec(first);
  if (!m) throw new Error(`${SHARED_DIR}/${file}: the first line must be {{/* shared by: <chart> ... */}}, got ${JSON.stringify(first)}`);
  const charts = m[1].trim().split(/\s+/).filter((c) => c !== '');
  if (charts.length === 0) throw new Error(`${SHARED_DIR}/${file}: "shared by" names no chart`);
  for (const c of charts) if (!CHART_NAME.test(c)) throw new Error(`${SHARED_DIR}/${file}: "${c}" is not a chart name`);
  return charts;
}

/** `Map<repo-relative path, content>` of every copy, for charts that exist under `root`. */
export function generateSharedCopies(root) {
  const out = new Map();
  const dir = join(root, SHARED_DIR);
  if (!existsSync(dir)) return out;
  const files = readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => e.name)
    .sort();
  for (const file of files) {
    const text = readFileSync(join(dir, file), 'utf8');
    const charts = sharedBy(file, text);
    const nl = text.indexOf('\n');
    const body = nl < 0 ? '' : text.slice(nl + 1);
    for (const chart of charts) {
      if (!existsSync(join(root, 'charts', chart, 'Chart.yaml'))) continue;
      out.set(`charts/${chart}/templates/${file}`, `${sharedHeader(file)}\n${body}`);
    }
  }
  return out;
}

/** Generated copies under charts/x/templates/ that `out` does not contain (repo-relative, sorted). */
export function staleSharedCopies(root, out) {
  const charts = join(root, 'charts');
  if (!existsSync(charts)) return [];
  const stale = [];
  const walk = (abs, rel) => {
    for (const e of readdirSync(abs, { withFileTypes: true })) {
      const a = join(abs, e.name);
      const r = `${rel}/${e.name}`;
      if (e.isDirectory()) walk(a, r);
      else if (e.isFile() && !out.has(r) && isSharedCopy(readFileSync(a, 'utf8'))) stale.push(r);
    }
  };
  for (const c of readdirSync(charts, { withFileTypes: true })) {
    const t = join(charts, c.name, 'templates');
    if (c.isDirectory() && existsSync(t)) walk(t, `charts/${c.name}/templates`);
  }
  return stale.sort();
}
