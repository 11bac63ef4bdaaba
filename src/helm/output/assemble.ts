/**
 * From rendered files to what `helm template` prints (reference §2.10, measured on helm 3.17.3
 * and 4.1.4):
 *
 * 1. NOTES.txt files (any name ending in `NOTES.txt`) are taken out; the root chart's is the notes.
 * 2. Files in byte order of their names; empty (white space) files skipped; each file split
 *    into documents; each document's head decoded (a failure aborts with
 *    `YAML parse error on FILE: ...`); documents with a `helm.sh/hook` annotation are hooks,
 *    unknown hook events drop the document with a log line.
 * 3. Manifests and hooks each stably sorted by kind (InstallOrder of the version).
 * 4. Text: `---\n# Source: NAME\nCONTENT\n` per CRD file (with --include-crds) then per manifest;
 *    the whole trimmed plus a newline; then each hook the same way (unless --no-hooks;
 *    --skip-tests drops test hooks).
 * 5. --show-only: that text split again, documents picked by matching the path after the chart
 *    name in their first `# Source:` comment, pattern by pattern, each printed as `---\nDOC\n`.
 *
 * With --debug a YAML failure prints every rendered file as `---\n# Source: NAME\nTEXT\n`
 * (helm uses Go map order, i.e. random; we use the render order), trimmed, plus a newline.
 */
import type { Compat } from '../../gotemplate/template.js';
import { parseYamlDocument } from '../../yaml/load.js';
import { HelmChartError } from '../errors.js';
import { parseHead } from './head.js';
import { HOOK_ANNOTATION, hookEvents, unknownHookLog } from './hooks.js';
import { compareGoStrings, sortByKind } from './kind-order.js';
import { pathMatch } from './path-match.js';
import { toPlain, type PlainValue } from './plain.js';
import { trimSpace } from '../../sprig/strings.js';
import { splitManifests } from './split.js';

/** One printed document: where it came from, its text, its parsed YAML, kind and name. */
export interface RenderedManifest {
  /** Template path (`chart/templates/x.yaml`) or CRD path (`chart/crds/x.yaml`). */
  readonly source: string;
  /** The document as printed after its `# Source:` line (a CRD file: the whole file). */
  readonly text: string;
  /**
   * The document parsed as YAML (computed on first access) as a reader of helm's stdout sees it,
   * that is with the line break that follows it there (a `|` block scalar at the end keeps its
   * final newline); null for an empty document. For a CRD file: its first document.
   */
  readonly object: unknown;
  readonly kind: string;
  readonly name: string;
}

/** A rendered hook: a manifest with its events (`pre-install`, `test`, ...). */
export interface RenderedHook extends RenderedManifest {
  readonly events: readonly string[];
}

class Manifest implements RenderedManifest {
  declare readonly object: unknown;
  constructor(
    readonly source: string,
    readonly text: string,
    readonly kind: string,
    readonly name: string,
  ) {
    // Parsed on first access; an own enumerable property, so JSON.stringify and spreading see it.
    let parsed: PlainValue | undefined;
    Object.defineProperty(this, 'object', {
      enumerable: true,
      get: (): unknown => {
        if (parsed === undefined) {
          try {
            parsed = toPlain(parseYamlDocument(`${text}\n`) ?? null);
          } catch {
            parsed = null;
          }
        }
        return parsed;
      },
    });
  }
}

/** A raw CRD file as a manifest: kind and name (of its first document) read on first access. */
class CrdManifest implements RenderedManifest {
  declare readonly object: unknown;
  declare readonly kind: string;
  declare readonly name: string;
  constructor(
    readonly source: string,
    readonly text: string,
    compat: Compat,
  ) {
    let head: { kind: string; name: string } | undefined;
    const read = (): { kind: string; name: string } => {
      if (head === undefined) {
        const first = splitManifests(text)[0];
        const h = first === undefined ? undefined : parseHead(first, compat);
        head = h?.ok ? { kind: h.head.kind, name: h.head.metadata?.name ?? '' } : { kind: '', name: '' };
      }
      return head;
    };
    let parsed: PlainValue | undefined;
    Object.defineProperties(this, {
      kind: { enumerable: true, get: () => read().kind },
      name: { enumerable: true, get: () => read().name },
      object: {
        enumerable: true,
        get: (): unknown => {
          if (parsed === undefined) {
            const first = splitManifests(text)[0];
            try {
              parsed = first === undefined ? null : toPlain(parseYamlDocument(first) ?? null);
            } catch {
              parsed = null;
            }
          }
          return parsed;
        },
      },
    });
  }
}

class Hook extends Manifest implements RenderedHook {
  constructor(source: string, text: string, kind: string, name: string, readonly events: readonly string[]) {
    super(source, text, kind, name);
  }
}

/** A raw CRD file of the chart or of an enabled subchart. */
export interface CrdFile {
  /** `chart/crds/x.yaml` (`parent/charts/kid/crds/x.yaml` for a subchart). */
  readonly filename: string;
  readonly text: string;
}

export interface AssembleOptions {
  readonly compat: Compat;
  /** Name of the root chart's notes file: `<root>/templates/NOTES.txt`. */
  readonly notesName: string;
  readonly includeCrds?: boolean;
  readonly skipTests?: boolean;
  readonly noHooks?: boolean;
  readonly showOnly?: readonly string[];
  readonly debug?: boolean;
}

export type AssembleResult =
  | {
      readonly ok: true;
      readonly manifests: readonly RenderedManifest[];
      readonly hooks: readonly RenderedHook[];
      readonly crds: readonly RenderedManifest[];
      readonly notes?: string;
      /** stderr lines (unknown hooks), newline-terminated. */
      readonly logs: readonly string[];
      readonly stdout: string;
    }
  | { readonly ok: false; readonly error: HelmChartError; readonly logs: readonly string[]; readonly stdout: string };

const isNotes = (name: string): boolean => name.endsWith('NOTES.txt');

const block = (source: string, text: string): string => `---\n# Source: ${source}\n${text}\n`;

/**
 * Assembles rendered files (`[template name, output]` in render order, partials excluded) and
 * the chart's CRD files into helm's output.
 */
export function assembleOutput(
  rendered: readonly (readonly [string, string])[],
  crdFiles: readonly CrdFile[],
  opts: AssembleOptions,
): AssembleResult {
  const { compat } = opts;
  const logs: string[] = [];
  let notes: string | undefined;
  const files: (readonly [string, string])[] = [];
  for (const entry of rendered) {
    if (isNotes(entry[0])) {
      if (entry[0] === opts.notesName) notes = entry[1];
    } else files.push(entry);
  }

  const generic: Manifest[] = [];
  const hooks: Hook[] = [];
  const sorted = [...files].sort((a, b) => compareGoStrings(a[0], b[0]));
  for (const [path, content] of sorted) {
    if (trimSpace(content) === '') continue;
    for (const doc of splitManifests(content)) {
      const head = parseHead(doc, compat);
      if (!head.ok) {
        const error = new HelmChartError(`YAML parse error on ${path}: ${head.message}`, 'yaml', true, undefined, opts.debug ?? false);
        const stdout = opts.debug ? debugText(files) : '';
        return finish(stdout, error);
      }
      const { kind, metadata } = head.head;
      const name = metadata?.name ?? '';
      const hookValue = metadata?.annotations.get(HOOK_ANNOTATION);
      if (hookValue === undefined) {
        generic.push(new Manifest(path, doc, kind, name));
        continue;
      }
      const events = hookEvents(hookValue);
      if (events === undefined) {
        logs.push(unknownHookLog(hookValue, compat));
        continue;
      }
      hooks.push(new Hook(path, doc, kind, name, events));
    }
  }

  const manifests = sortByKind(generic, compat);
  const sortedHooks = sortByKind(hooks, compat);
  // CRDs are returned always (library use); helm prints them only with --include-crds.
  const crds = crdFiles.map((c) => new CrdManifest(c.filename, c.text, compat));

  let text = '';
  if (opts.includeCrds) for (const c of crds) text += block(c.source, c.text);
  for (const m of manifests) text += block(m.source, m.text);
  text = trimSpace(text) + '\n';
  if (!opts.noHooks) {
    for (const h of sortedHooks) {
      if (opts.skipTests && h.events.includes('test')) continue;
      text += block(h.source, h.text);
    }
  }
  const shown = showOnly(text, opts.showOnly ?? []);
  if (!shown.ok) return { ok: false, error: shown.error, logs, stdout: '' };
  return { ok: true, manifests, hooks: sortedHooks, crds, ...(notes !== undefined ? { notes } : {}), logs, stdout: shown.text };

  function finish(stdout: string, error: HelmChartError): AssembleResult {
    // With --debug helm still applies --show-only to what it prints.
    const shown = showOnly(stdout, opts.showOnly ?? []);
    if (!shown.ok) return { ok: false, error: shown.error, logs, stdout: '' };
    return { ok: false, error, logs, stdout: shown.text };
  }
}

/** What helm prints with --debug when the output is not valid YAML. */
export function debugText(files: readonly (readonly [string, string])[]): string {
  let text = '';
  for (const [name, content] of files) {
    if (isNotes(name) || trimSpace(content) === '') continue;
    text += block(name, content);
  }
  return trimSpace(text) + '\n';
}

/** The path after the chart name in the first `# Source: CHART/PATH` comment of a document. */
function sourcePath(doc: string): string | undefined {
  const marker = '# Source: ';
  let at = doc.indexOf(marker);
  while (at >= 0) {
    const from = at + marker.length;
    const slash = doc.indexOf('/', from);
    if (slash < 0) return undefined;
    if (slash > from && slash + 1 < doc.length && doc[slash + 1] !== '\n') {
      const eol = doc.indexOf('\n', slash + 1);
      return doc.slice(slash + 1, eol < 0 ? doc.length : eol);
    }
    at = doc.indexOf(marker, at + 1);
  }
  return undefined;
}

type ShowOnly = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly error: HelmChartError };

/** `--show-only`: documents of the printed text whose source path matches, pattern by pattern. */
export function showOnly(text: string, patterns: readonly string[]): ShowOnly {
  if (patterns.length === 0) return { ok: true, text };
  const docs = splitManifests(text).map((d) => [d, sourcePath(d)] as const);
  let out = '';
  for (const pattern of patterns) {
    let missing = true;
    for (const [doc, path] of docs) {
      if (path === undefined || !pathMatch(pattern, path)) continue;
      out += `---\n${doc}\n`;
      missing = false;
    }
    if (missing) return { ok: false, error: new HelmChartError(`could not find template ${pattern} in chart`, 'showOnly', false) };
  }
  return { ok: true, text: out };
}
