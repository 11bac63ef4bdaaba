// Our side of the fuzzer: renders snippets with the project's engine (src/helm/engine.ts) in the
// compat mode of the helm version compared, producing the same shapes as helm-batch.ts, and in
// the same way:
// - each snippet file ends with the batch's end sentinel (so an action left open at the end of a
//   snippet meets the same text in both engines), which is cut off the output again;
// - snippets that fail alone are rendered alone (helm-batch gets our verdict as `expectFail`);
// - the others are rendered together as one chart, as helm renders them: they share one values
//   tree, so what a template does to it (set, unset, merge into .Values) is seen by the templates
//   helm renders after it. A snippet that fails there is recorded and removed, and the rest is
//   rendered again, exactly as helm-batch does with the real binary.
import { renderTemplates } from '../../../src/helm/engine.js';
import { STACK_EXHAUSTED_TAIL } from './compare.js';
import { helmStderr } from '../../../src/helm/errors.js';
import { loadValues } from '../../../src/yaml/load.js';
import { CHART_NAME, NAMESPACE, RELEASE_NAME, goStringBytes } from '../harness.js';
import { endSentinel, failingIndex, snippetFile, type HelmVersion } from './helm-batch.js';

export type OurOutcome = { readonly ok: true; readonly out: Buffer } | { readonly ok: false; readonly stderr: string };

/** Renders snippets (index = file index, as helm-batch names them) with one values.yaml. */
export type OurRenderer = (version: HelmVersion, snippets: readonly { index: number; text: string }[], values: string) => OurOutcome[];

type Rendered = { readonly ok: true; readonly outputs: ReadonlyMap<string, string> } | { readonly ok: false; readonly stderr: string };

function renderSnippets(version: HelmVersion, items: ReadonlyMap<number, string>, values: string): Rendered {
  const files = new Map<string, string>();
  for (const [i, text] of items) files.set(`templates/${snippetFile(i)}`, text + endSentinel(i));
  try {
    const r = renderTemplates({
      chartName: CHART_NAME,
      files,
      values: loadValues(values, { compat: version }),
      release: { name: RELEASE_NAME, namespace: NAMESPACE },
      compat: version,
    });
    return r.ok ? { ok: true, outputs: r.outputs } : { ok: false, stderr: helmStderr(r.error) };
  } catch (e) {
    return { ok: false, stderr: `ENGINE EXCEPTION: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}` };
  }
}

/** The snippets of `items` rendered as one chart, failing ones removed one by one (helm-batch's runChunk). */
function renderTogether(version: HelmVersion, items: ReadonlyMap<number, string>, values: string): Map<number, OurOutcome> {
  const out = new Map<number, OurOutcome>();
  const live = new Map(items);
  while (live.size > 0) {
    const r = renderSnippets(version, live, values);
    if (r.ok) {
      for (const i of live.keys()) {
        const text = r.outputs.get(`${CHART_NAME}/templates/${snippetFile(i)}`) ?? '';
        const end = text.lastIndexOf(endSentinel(i));
        out.set(i, end < 0 ? { ok: false, stderr: `FUZZ HARNESS: no end sentinel in the output of snippet ${i}` } : { ok: true, out: goStringBytes(text.slice(0, end)) });
      }
      return out;
    }
    // Where helm dies of Go's fatal stack overflow (a value that contains itself), its error
    // names no template and helm-batch renders each snippet alone; so do we.
    const bad = r.stderr.includes(STACK_EXHAUSTED_TAIL) ? undefined : failingIndex(r.stderr);
    if (bad === undefined || !live.has(bad)) {
      if (live.size === 1) {
        const [only] = live.keys();
        out.set(only as number, { ok: false, stderr: r.stderr });
        return out;
      }
      for (const [i, text] of live) out.set(i, renderTogether(version, new Map([[i, text]]), values).get(i) as OurOutcome);
      return out;
    }
    out.set(bad, { ok: false, stderr: r.stderr });
    live.delete(bad);
  }
  return out;
}

export const renderOurs: OurRenderer = (version, snippets, values) => {
  const alone = snippets.map(({ index, text }) => renderTogether(version, new Map([[index, text]]), values).get(index) as OurOutcome);
  const rest = new Map<number, string>();
  snippets.forEach(({ index, text }, k) => {
    if (alone[k]?.ok) rest.set(index, text);
  });
  const together = rest.size > 1 ? renderTogether(version, rest, values) : new Map<number, OurOutcome>();
  return snippets.map(({ index }, k) => together.get(index) ?? (alone[k] as OurOutcome));
};
