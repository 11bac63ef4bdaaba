/**
 * `istio-installer helm template [NAME] CHART [flags]`: helm's `helm template` on the embedded
 * renderer. Same stdout, stderr and exit code as helm 3.17.3 (`--helm-compat 3`) or helm 4.1.4
 * (`--helm-compat 4`, the default), in helm's order of checks (measured):
 *
 *   flag errors -> help -> "requires at least 1 argument" -> --kube-version -> NAME/CHART
 *   -> chart path -> -f / --set* values -> chart loading -> release name -> renderChart (library
 *   charts, deprecation warning, dependencies, schema, templates, output).
 *
 * This module is the edge: it reads the chart, the -f files and the --set-file files (relative to
 * the context's cwd); everything it calls is pure.
 */
import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Compat } from '../gotemplate/template.js';
import { quote as goQuote } from '../gotemplate/strconv.js';
import { parseKubeVersion } from '../helm/kube-version.js';
import type { Chart } from '../helm/load/chart.js';
import { loadChart } from '../helm/load/fs.js';
import { renderChart } from '../helm/render.js';
import { mergeUserValues } from '../helm/values/user-values.js';
import { parseFlags, type FlagSpec, type ParsedFlags } from './helm-flags.js';
import type { CliContext } from './io.js';

/** The flags `helm template` accepts here. Long name, shorthand and pflag kind as in helm. */
export const TEMPLATE_FLAGS: readonly FlagSpec[] = [
  { long: 'values', short: 'f', kind: 'stringSlice' },
  { long: 'set', kind: 'stringArray' },
  { long: 'set-string', kind: 'stringArray' },
  { long: 'set-json', kind: 'stringArray' },
  { long: 'set-file', kind: 'stringArray' },
  { long: 'set-literal', kind: 'stringArray' },
  { long: 'namespace', short: 'n', kind: 'string' },
  { long: 'is-upgrade', kind: 'bool' },
  { long: 'kube-version', kind: 'string' },
  { long: 'api-versions', short: 'a', kind: 'stringSlice' },
  { long: 'include-crds', kind: 'bool' },
  { long: 'show-only', short: 's', kind: 'stringArray' },
  { long: 'skip-tests', kind: 'bool' },
  { long: 'no-hooks', kind: 'bool' },
  { long: 'skip-schema-validation', kind: 'bool' },
  { long: 'debug', kind: 'bool' },
  { long: 'generate-name', short: 'g', kind: 'bool' },
  { long: 'help', short: 'h', kind: 'bool' },
  { long: 'helm-compat', kind: 'string' },
];

/**
 * helm template flags (of helm 3 or helm 4, global ones included) that cannot change what
 * `helm template` prints for a local chart: accepted and ignored. (--kube-context/--kubeconfig
 * could give helm a default namespace from the kubeconfig; here -n, HELM_NAMESPACE or "default".)
 */
export const IGNORED_FLAGS: readonly FlagSpec[] = [
  // --skip-crds: measured, `helm template --include-crds --skip-crds` still prints the CRDs.
  ...['skip-crds', 'create-namespace', 'atomic', 'wait-for-jobs', 'replace', 'devel', 'disable-openapi-validation', 'force', 'force-replace', 'force-conflicts', 'render-subchart-notes', 'hide-notes', 'rollback-on-failure', 'take-ownership', 'server-side', 'kube-insecure-skip-tls-verify'].map(
    (long): FlagSpec => ({ long, kind: 'bool' }),
  ),
  ...['timeout', 'description', 'version', 'kube-context', 'kubeconfig', 'kube-apiserver', 'kube-as-user', 'kube-ca-file', 'kube-token', 'kube-tls-server-name', 'burst-limit', 'qps', 'registry-config', 'repository-cache', 'repository-config', 'content-cache', 'color', 'colour'].map(
    (long): FlagSpec => ({ long, kind: 'string' }),
  ),
  { long: 'kube-as-group', kind: 'stringArray' },
  { long: 'wait', kind: 'optional' },
];

/** helm template flags this command does not implement: an error naming the flag. */
export const UNSUPPORTED_FLAGS: readonly FlagSpec[] = [
  ...['validate', 'dependency-update', 'enable-dns', 'verify', 'insecure-skip-tls-verify', 'pass-credentials', 'plain-http', 'release-name'].map((long): FlagSpec => ({ long, kind: 'bool' })),
  ...['output-dir', 'post-renderer', 'repo', 'keyring', 'name-template', 'username', 'password', 'ca-file', 'cert-file', 'key-file'].map((long): FlagSpec => ({ long, kind: 'string' })),
  { long: 'post-renderer-args', kind: 'stringArray' },
  { long: 'labels', short: 'l', kind: 'stringArray' },
  { long: 'dry-run', kind: 'optional' },
];

export const TEMPLATE_USAGE = `Render chart templates locally and display the output, as \`helm template\` does,
without helm: the chart is rendered in-process by istio-installer's Helm engine.

Usage:
  istio-installer helm template [NAME] [CHART] [flags]

Flags:
  -a, --api-versions strings       Kubernetes api versions used for Capabilities.APIVersions
      --debug                      print the debug log and, on a YAML error, the raw rendered files
  -g, --generate-name              accepted for helm compatibility (helm template then names the release "release-name")
      --helm-compat string         helm version to reproduce: 3 (helm 3.17.3) or 4 (helm 4.1.4) (default "4")
  -h, --help                       help for template
      --include-crds               include CRDs in the templated output
      --is-upgrade                 set .Release.IsUpgrade instead of .Release.IsInstall
      --kube-version string        Kubernetes version used for Capabilities.KubeVersion
  -n, --namespace string           namespace scope (default: $HELM_NAMESPACE, else "default")
      --no-hooks                   do not print hooks
      --set stringArray            set values on the command line (key1=val1,key2=val2)
      --set-file stringArray       set values from files (key1=path1,key2=path2)
      --set-json stringArray       set JSON values on the command line (key1=jsonval1,key2=jsonval2)
      --set-literal stringArray    set a literal STRING value on the command line
      --set-string stringArray     set STRING values on the command line (key1=val1,key2=val2)
  -s, --show-only stringArray      only show manifests rendered from the given templates
      --skip-schema-validation     do not validate values against values.schema.json
      --skip-tests                 do not print test hooks
  -f, --values strings             values YAML files (several, or comma-separated; - reads stdin)

helm's flags that do not change the output for a local chart (--wait, --timeout, --version,
--kube-context, ...) are accepted and ignored. Not supported: --output-dir, --validate,
--post-renderer, --repo and chart download flags, --dry-run, --enable-dns, --labels, --name-template.
`;

const USAGE_LINE = 'Usage:  helm template [NAME] [CHART] [flags]';

/** helm's release name rule (chartutil.ValidateReleaseName). */
const RELEASE_NAME_RE = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const RELEASE_NAME_MAX = 53;

/** Go's os error text for a failed read of `path` (os.ReadFile / os.Open). */
function readErrorText(path: string, e: unknown): string {
  const code = (e as { code?: unknown }).code;
  switch (code) {
    case 'ENOENT':
      return `open ${path}: no such file or directory`;
    case 'EACCES':
      return `open ${path}: permission denied`;
    case 'EISDIR':
      return `read ${path}: is a directory`;
    case 'ENOTDIR':
      return `open ${path}: not a directory`;
    default:
      return `open ${path}: ${e instanceof Error ? e.message : String(e)}`;
  }
}

/** Go's time.Now().String() in UTC, as helm 3's debug log prints it (with the monotonic clock). */
function goNow(): string {
  const d = new Date();
  const pad = (n: number, w = 2): string => String(n).padStart(w, '0');
  const nanos = `${pad(d.getUTCMilliseconds(), 3)}000000`.replace(/0+$/, '');
  const date = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  const time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}${nanos === '' ? '' : `.${nanos}`}`;
  return `${date} ${time} +0000 UTC m=+${(performance.now() / 1000).toFixed(9)}`;
}

/** helm 4's slog text handler quotes a value only when it needs to. */
function slogValue(s: string): string {
  return s === '' || /[\s"=\\]|[^\x21-\x7e]/.test(s) ? goQuote(s) : s;
}

class Run {
  constructor(
    private readonly ctx: CliContext,
    private readonly compat: Compat,
    private readonly debug: boolean,
  ) {}

  fail(message: string): number {
    this.ctx.io.stderr(`Error: ${message}\n`);
    this.ctx.setExitCode(1);
    return 1;
  }

  /** One debug-log line (only with --debug): helm 3's `install.go` lines, helm 4's slog lines. */
  debugLog(helm3: { line: number; text: string } | undefined, helm4: { msg: string; attrs: [string, string][] } | undefined): void {
    if (!this.debug) return;
    if (this.compat === 'helm3' && helm3) this.ctx.io.stderr(`install.go:${helm3.line}: ${goNow()} [debug] ${helm3.text}\n`);
    if (this.compat === 'helm4' && helm4) {
      const attrs = helm4.attrs.map(([k, v]) => ` ${k}=${slogValue(v)}`).join('');
      this.ctx.io.stderr(`level=DEBUG msg=${slogValue(helm4.msg)}${attrs}\n`);
    }
  }
}

function parseCompat(value: string | undefined): Compat | undefined {
  switch (value) {
    case undefined:
    case '4':
    case 'helm4':
      return 'helm4';
    case '3':
    case 'helm3':
      return 'helm3';
    default:
      return undefined;
  }
}

/** The charts under `chart`, depth first, parent before children (helm 4's debug log order). */
function* chartsDepthFirst(chart: Chart): Generator<Chart> {
  yield chart;
  for (const d of chart.dependencies) yield* chartsDepthFirst(d);
}

/** Runs `helm template` with `argv` (the arguments after `template`); returns the exit code. */
export function runHelmTemplate(argv: readonly string[], ctx: CliContext): number {
  const parsed = parseFlags(argv, [...TEMPLATE_FLAGS, ...IGNORED_FLAGS, ...UNSUPPORTED_FLAGS]);
  if (!parsed.ok) {
    ctx.io.stderr(`Error: ${parsed.error}\n`);
    ctx.setExitCode(1);
    return 1;
  }
  const flags = parsed.flags;
  const unsupported = flags.seen.find((long) => UNSUPPORTED_FLAGS.some((f) => f.long === long));
  if (unsupported !== undefined) {
    ctx.io.stderr(`Error: flag --${unsupported} of helm template is not supported by istio-installer (it renders local charts to stdout only)\n`);
    ctx.setExitCode(1);
    return 1;
  }
  if (flags.bools.get('help') === true) {
    ctx.io.stdout(TEMPLATE_USAGE);
    return 0;
  }
  const compat = parseCompat(flags.strings.get('helm-compat'));
  if (compat === undefined) {
    ctx.io.stderr(`Error: invalid argument ${JSON.stringify(flags.strings.get('helm-compat'))} for "--helm-compat" flag: must be 3 or 4\n`);
    ctx.setExitCode(1);
    return 1;
  }
  const run = new Run(ctx, compat, flags.bools.get('debug') === true);
  if (flags.args.length < 1) {
    return run.fail(`"helm template" requires at least 1 argument\n\n${USAGE_LINE}`);
  }
  return template(run, flags, compat, ctx);
}

function template(run: Run, flags: ParsedFlags, compat: Compat, ctx: CliContext): number {
  const kubeVersion = flags.strings.get('kube-version');
  if (kubeVersion !== undefined && kubeVersion !== '') {
    const kv = parseKubeVersion(kubeVersion, compat);
    if (!kv.ok) return run.fail(kv.error);
  }
  run.debugLog({ line: 225, text: 'Original chart version: ""' }, { msg: 'Original chart version', attrs: [['version', '']] });

  // NAME and CHART (action.Install.NameAndChart with helm template's ReleaseName default).
  const args = flags.args;
  if (args.length > 2) return run.fail(`expected at most two arguments, unexpected arguments: ${args.slice(2).join(', ')}`);
  if (args.length === 2 && flags.bools.get('generate-name') === true) return run.fail('cannot set --generate-name and also specify a name');
  const releaseName = args.length === 2 ? args[0] : 'release-name';
  const chartArg = args.length === 2 ? args[1] : args[0];

  // Locate the chart (ChartPathOptions.LocateChart): an existing path, else helm's repo errors.
  const chartPath = resolve(ctx.cwd, chartArg);
  if (!existsSync(chartPath)) {
    if (isAbsolute(chartArg) || chartArg.startsWith('.')) return run.fail(`path ${goQuote(chartArg)} not found`);
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(chartArg)) return run.fail(`istio-installer renders local charts only (a directory or a .tgz), not ${chartArg}`);
    const slash = chartArg.indexOf('/');
    if (slash < 0) return run.fail(`non-absolute URLs should be in form of repo_name/path_to_chart, got: ${chartArg}`);
    return run.fail(`repo ${chartArg.slice(0, slash)} not found`);
  }
  run.debugLog({ line: 242, text: `CHART PATH: ${chartPath}\n` }, { msg: 'Chart path', attrs: [['path', chartPath]] });

  // User values: -f files in order, then the --set family.
  const valueFiles: { name: string; text: string }[] = [];
  for (const name of flags.lists.get('values') ?? []) {
    let text: string;
    try {
      text = name === '-' ? readFileSync(0, 'utf8') : readFileSync(resolve(ctx.cwd, name), 'utf8');
    } catch (e) {
      // helm reads and parses each file before reading the next: an earlier file's parse error wins.
      const before = mergeUserValues({ valueFiles }, compat);
      return run.fail(before.ok ? readErrorText(name, e) : before.error);
    }
    valueFiles.push({ name, text });
  }
  const values = mergeUserValues(
    {
      valueFiles,
      set: flags.lists.get('set'),
      setString: flags.lists.get('set-string'),
      setJson: flags.lists.get('set-json'),
      setFile: flags.lists.get('set-file'),
      setLiteral: flags.lists.get('set-literal'),
      readFile: (path) => {
        try {
          return readFileSync(path === '-' ? 0 : resolve(ctx.cwd, path), 'utf8');
        } catch {
          return undefined;
        }
      },
    },
    compat,
  );
  if (!values.ok) return run.fail(values.error);

  // Load the chart (directory or .tgz); the loader's notices (symbolic links) go to stderr.
  const loaded = loadChart(chartPath, { compat });
  for (const w of loaded.warnings ?? []) ctx.io.stderr(w);
  if (!loaded.ok) return run.fail(loaded.error.message);
  const chart = loaded.chart;
  for (const c of chartsDepthFirst(chart)) {
    run.debugLog(undefined, {
      msg: 'number of dependencies in the chart',
      attrs: [
        ['chart', c.metadata.name],
        ['dependencies', String(c.dependencies.length)],
      ],
    });
  }

  // The library-chart, deprecation and missing-dependency checks of helm's runInstall are
  // renderChart's (they print in its warnings/error); the release name check comes first here
  // (helm makes it after the dependency check: only a chart failing both reads differently).
  // The length test first: the pattern then only ever sees at most 53 characters.
  if (releaseName.length > RELEASE_NAME_MAX || !RELEASE_NAME_RE.test(releaseName)) {
    const err = `release name ${goQuote(releaseName)}: invalid release name, must match regex ^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$ and the length must not be longer than ${RELEASE_NAME_MAX}`;
    if (compat === 'helm3') return run.fail(err);
    ctx.io.stderr(`level=ERROR msg="release name check failed" error=${goQuote(err)}\n`);
    return run.fail(`release name check failed: ${err}`);
  }

  // Namespace: -n, else HELM_NAMESPACE, else "default" (an empty value counts as unset).
  const namespace = flags.strings.get('namespace') || ctx.env.HELM_NAMESPACE || 'default';
  const result = renderChart(chart, {
    compat,
    releaseName,
    namespace,
    values: values.values,
    isUpgrade: flags.bools.get('is-upgrade') === true,
    ...(kubeVersion !== undefined && kubeVersion !== '' ? { kubeVersion } : {}),
    apiVersions: flags.lists.get('api-versions') ?? [],
    includeCrds: flags.bools.get('include-crds') === true,
    skipTests: flags.bools.get('skip-tests') === true,
    noHooks: flags.bools.get('no-hooks') === true,
    showOnly: flags.lists.get('show-only') ?? [],
    skipSchemaValidation: flags.bools.get('skip-schema-validation') === true,
    debug: flags.bools.get('debug') === true,
  });
  for (const w of result.warnings) ctx.io.stderr(w);
  if (result.stdout !== '') ctx.io.stdout(result.stdout);
  if (result.ok) return 0;
  let stderr = result.error.stderr(compat);
  // With --debug helm prints the error without its "Use --debug flag" hint.
  const hint = '\n\nUse --debug flag to render out invalid YAML\n';
  if (flags.bools.get('debug') === true && stderr.endsWith(hint)) stderr = `${stderr.slice(0, -hint.length)}\n`;
  ctx.io.stderr(stderr);
  ctx.setExitCode(1);
  return 1;
}
