// Our side of the fuzzer: renders snippets with the project's engine (src/helm/engine.ts) in the
// compat mode of the helm version compared, producing the same shapes as helm-batch.ts.
import { renderTemplates } from '../../../src/helm/engine.js';
import { helmStderr } from '../../../src/helm/errors.js';
import { loadValues } from '../../../src/yaml/load.js';
import { CHART_NAME, NAMESPACE, RELEASE_NAME, goStringBytes } from '../harness.js';
import { snippetFile, type HelmVersion } from './helm-batch.js';

export type OurOutcome = { readonly ok: true; readonly out: Buffer } | { readonly ok: false; readonly stderr: string };

/** Renders snippets (index = file index, as helm-batch names them) with one values.yaml. */
export type OurRenderer = (version: HelmVersion, snippets: readonly { index: number; text: string }[], values: string) => OurOutcome[];

/** Renders each snippet alone (its own chart, fresh values) with our engine. */
export const renderOurs: OurRenderer = (version, snippets, values) =>
  snippets.map(({ index, text }) => {
    const file = `templates/${snippetFile(index)}`;
    try {
      const r = renderTemplates({
        chartName: CHART_NAME,
        files: new Map([[file, text]]),
        values: loadValues(values, { compat: version }),
        release: { name: RELEASE_NAME, namespace: NAMESPACE },
        compat: version,
      });
      if (!r.ok) return { ok: false, stderr: helmStderr(r.error) };
      return { ok: true, out: goStringBytes(r.outputs.get(`${CHART_NAME}/${file}`) ?? '') };
    } catch (e) {
      return { ok: false, stderr: `ENGINE EXCEPTION: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}` };
    }
  });
