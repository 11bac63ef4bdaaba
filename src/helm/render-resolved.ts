/**
 * The part of `helm template` after values are settled (reference §2.1 steps 3, 6-8): the
 * kubeVersion constraint, rendering the templates of the resolved chart tree, and output
 * assembly. `renderChart` (render.ts) runs values, dependencies and schema first.
 */
import type { Compat } from '../gotemplate/template.js';
import { renderChartTree, type RenderNode } from './engine.js';
import { HelmChartError } from './errors.js';
import { DEFAULT_KUBE_VERSION, kubeVersionMismatch, type KubeVersion } from './kube-version.js';
import { assembleOutput, showOnly, type AssembleResult, type CrdFile } from './output/assemble.js';
import { utf8Decode } from '../gotemplate/bytes.js';

export type { RenderNode };

export interface ResolvedRenderOptions {
  readonly compat: Compat;
  readonly releaseName?: string;
  readonly namespace?: string;
  readonly isUpgrade?: boolean;
  /** Parsed `--kube-version` (see parseKubeVersion); default: the version's built-in one. */
  readonly kubeVersion?: KubeVersion;
  readonly apiVersions?: readonly string[];
  readonly includeCrds?: boolean;
  readonly skipTests?: boolean;
  readonly noHooks?: boolean;
  readonly showOnly?: readonly string[];
  readonly debug?: boolean;
  /** Bound on the total rendered text in characters (default engine DEFAULT_MAX_OUTPUT). */
  readonly maxOutput?: number;
}

/** The same shape as output assembly's result: renderResolved ends with assembleOutput. */
export type ResolvedRenderResult = AssembleResult;

const texts = new WeakMap<Uint8Array, string>();

/** A chart file's bytes as text, decoded once per loaded file. */
function fileText(data: Uint8Array): string {
  let t = texts.get(data);
  if (t === undefined) {
    t = utf8Decode(data);
    texts.set(data, t);
  }
  return t;
}

/**
 * CRD files of the chart and its enabled subcharts (helm's CRDObjects): files under crds/
 * whose extension is .yaml, .yml or .json in any case (measured: `c.YML` is one).
 */
export function treeCrds(root: RenderNode): CrdFile[] {
  const out: CrdFile[] = [];
  const walk = (n: RenderNode): void => {
    for (const f of n.chart.files) {
      if (f.name.startsWith('crds/') && /\.(?:ya?ml|json)$/i.test(f.name)) out.push({ filename: `${n.path}/${f.name}`, text: fileText(f.data) });
    }
    for (const c of n.subcharts) walk(c);
  };
  walk(root);
  return out;
}

/** Checks kubeVersion, renders and assembles a resolved chart tree. */
export function renderResolved(root: RenderNode, opts: ResolvedRenderOptions): ResolvedRenderResult {
  const { compat } = opts;
  const debug = opts.debug ?? false;
  // What helm prints with --debug when it fails before any manifest exists.
  const failed = (error: HelmChartError): ResolvedRenderResult => {
    if (!debug) return { ok: false, error, logs: [], stdout: '' };
    const shown = showOnly('\n', opts.showOnly ?? []);
    return shown.ok ? { ok: false, error, logs: [], stdout: shown.text } : { ok: false, error: shown.error, logs: [], stdout: '' };
  };

  const kube = opts.kubeVersion ?? DEFAULT_KUBE_VERSION[compat];
  const constraint = root.metadata.kubeVersion;
  if (constraint !== undefined && constraint !== '') {
    const mismatch = kubeVersionMismatch(constraint, kube, compat);
    if (mismatch !== undefined) return failed(new HelmChartError(mismatch, 'kubeVersion', true, undefined, debug));
  }

  const rendered = renderChartTree({
    root,
    compat,
    release: {
      name: opts.releaseName ?? 'release-name',
      namespace: opts.namespace ?? 'default',
      isInstall: !opts.isUpgrade,
      isUpgrade: opts.isUpgrade ?? false,
    },
    capabilities: {
      kubeVersion: kube,
      ...(opts.apiVersions ? { apiVersions: opts.apiVersions } : {}),
    },
    ...(opts.maxOutput !== undefined ? { maxOutput: opts.maxOutput } : {}),
  });
  if (!rendered.ok) return failed(new HelmChartError(rendered.error.message, 'render', true, rendered.error, debug));

  return assembleOutput(rendered.outputs, treeCrds(root), {
    compat,
    notesName: `${root.path}/templates/NOTES.txt`,
    includeCrds: opts.includeCrds ?? false,
    skipTests: opts.skipTests ?? false,
    noHooks: opts.noHooks ?? false,
    showOnly: opts.showOnly ?? [],
    debug,
  });
}
