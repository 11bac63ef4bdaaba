/**
 * Running injection templates as istiod 1.11 does (RunTemplate): each template is parsed on its
 * own as template "inject" with Sprig's and istiod's functions (missingkey=default: a missing
 * key prints `<no value>`), executed with the pod's SidecarTemplateData, and its output read as
 * YAML into a JSON fragment that the caller merges into the pod.
 */
import { GoPanic, TemplateError } from '../gotemplate/errors.js';
import { TemplateSet } from '../gotemplate/template.js';
import type { Issue } from '../operator/issues.js';
import { YamlError, parseYamlDocument } from '../yaml/index.js';
import { safeTemplateData } from './data.js';
import { injectionFuncs, type InjectionFuncsOptions } from './funcs.js';
import { goToJson } from './mesh.js';
import type { InjectionSource, PodTarget } from './types.js';

/** The name istiod parses every injection template under (what Go's messages print). */
export const TEMPLATE_PARSE_NAME = 'inject';

export type RunTemplatesResult = { success: true; fragments: Record<string, unknown>[] } | { success: false; issues: Issue[] };

type Parsed = { ok: true; set: TemplateSet } | { ok: false; issue: Issue };

/** Parsed templates per templates object (a source's templates are parsed once). */
const parsedCache = new WeakMap<object, Map<string, Parsed>>();

function templateSource(name: string, line: number | null, col?: number | null): Issue['source'] {
  return { file: `template ${name}`, line: line ?? 1, column: (col ?? 0) + 1 };
}

function parseTemplate(name: string, text: string, funcs: ReturnType<typeof injectionFuncs>): Parsed {
  const set = new TemplateSet({ funcs, missingKey: 'default', compat: 'helm3', rootName: TEMPLATE_PARSE_NAME });
  try {
    set.parse(TEMPLATE_PARSE_NAME, text);
    return { ok: true, set };
  } catch (e) {
    if (e instanceof TemplateError) {
      return { ok: false, issue: { severity: 'error', code: 'inject-template-parse', path: `templates.${name}`, message: `failed parsing template ${JSON.stringify(name)}: ${e.message}`, source: templateSource(name, e.line) } };
    }
    throw e;
  }
}

function parsedTemplate(source: InjectionSource, name: string, opts: InjectionFuncsOptions): Parsed {
  const templates = source.config.templates;
  // Only the default options are cached (env changes what `env` returns at parse-independent run time, but funcs are bound at parse).
  const cacheable = opts.env === undefined;
  let cache = cacheable ? parsedCache.get(templates) : undefined;
  if (cacheable && cache === undefined) {
    cache = new Map();
    parsedCache.set(templates, cache);
  }
  const hit = cache?.get(name);
  if (hit) return hit;
  const p = parseTemplate(name, templates[name] as string, injectionFuncs(opts));
  cache?.set(name, p);
  return p;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The output of one template as a JSON fragment of a Pod (`{}` for empty output). */
function readOutput(name: string, out: string): { ok: true; fragment: Record<string, unknown> } | { ok: false; issue: Issue } {
  let doc;
  try {
    doc = parseYamlDocument(out);
  } catch (e) {
    if (e instanceof YamlError) {
      const line = e.line;
      const text = line !== undefined ? out.split('\n')[line - 1] : undefined;
      return {
        ok: false,
        issue: {
          severity: 'error',
          code: 'inject-template-yaml',
          path: `templates.${name}`,
          message: `template ${JSON.stringify(name)} produced invalid YAML${line !== undefined ? ` at output line ${line}${text !== undefined ? ` (${JSON.stringify(text.trim())})` : ''}` : ''}: ${e.message}`,
          source: { file: `template ${name} (output)`, line: line ?? 1, column: e.column ?? 1 },
        },
      };
    }
    throw e;
  }
  const json = goToJson(doc);
  if (json === null) return { ok: true, fragment: {} };
  if (!isRecord(json)) {
    const kind = Array.isArray(json) ? 'array' : typeof json;
    return { ok: false, issue: { severity: 'error', code: 'inject-template-yaml', path: `templates.${name}`, message: `template ${JSON.stringify(name)} produced a YAML ${kind}, expected a Pod fragment (a map with metadata/spec): json: cannot unmarshal ${kind} into Go value of type v1.Pod` } };
  }
  return { ok: true, fragment: json };
}

/**
 * Executes the templates `names` (in order) for one pod and reads each output as YAML. Errors:
 * `inject-unknown-template` (lists the known ones), `inject-template-parse`,
 * `inject-template-exec`, `inject-template-yaml`, `inject-proxy-config` (bad annotation).
 */
export function runTemplates(source: InjectionSource, target: PodTarget, names: readonly string[], opts: InjectionFuncsOptions = {}): RunTemplatesResult {
  const templates = source.config.templates;
  const known = Object.keys(templates).sort();
  for (const name of names) {
    if (!Object.hasOwn(templates, name)) {
      return {
        success: false,
        issues: [
          {
            severity: 'error',
            code: 'inject-unknown-template',
            path: 'metadata.annotations["inject.istio.io/templates"]',
            message: `requested template ${JSON.stringify(name)} not found; have ${known.join(', ')}`,
            ...(known.length > 0 ? { suggestion: `one of ${known.join(', ')}` } : {}),
          },
        ],
      };
    }
  }
  const data = safeTemplateData(source, target);
  if (!data.success) return data;
  const fragments: Record<string, unknown>[] = [];
  const issues: Issue[] = [];
  for (const name of names) {
    const parsed = parsedTemplate(source, name, opts);
    if (!parsed.ok) {
      issues.push(parsed.issue);
      continue;
    }
    let out: string;
    try {
      out = parsed.set.execute(TEMPLATE_PARSE_NAME, data.data);
    } catch (e) {
      if (e instanceof TemplateError) {
        issues.push({ severity: 'error', code: 'inject-template-exec', path: `templates.${name}`, message: `failed executing template ${JSON.stringify(name)}: ${e.message}`, source: templateSource(name, e.line, e.col) });
        continue;
      }
      // A Go runtime panic, too deep a recursion, or a fault of ours: still an issue, never a crash.
      const what = e instanceof GoPanic ? 'panic' : e instanceof RangeError ? 'too deep' : 'internal error';
      issues.push({ severity: 'error', code: 'inject-template-exec', path: `templates.${name}`, message: `failed executing template ${JSON.stringify(name)} (${what}): ${e instanceof Error ? e.message : String(e)}` });
      continue;
    }
    const r = readOutput(name, out);
    if (!r.ok) issues.push(r.issue);
    else fragments.push(r.fragment);
  }
  return issues.length > 0 ? { success: false, issues } : { success: true, fragments };
}
