/**
 * Render errors as helm reports them.
 *
 * Helm post-processes the errors of Go's text/template before printing them (measured on helm
 * 3.17.3 and 4.1.4, see test/differential/corpus/seed):
 *
 * - parse errors (both versions): `template: NAME:LINE: MSG` becomes
 *   `parse error at (NAME:LINE): MSG`, where MSG is the text after the last `": "`;
 * - `required`/`fail` (both versions): their message travels wrapped in HELM_ERR_START/END
 *   markers and surfaces as `execution error at (NAME:LINE:COL): MSG`, the location being that of
 *   the outermost action;
 * - other execution errors: helm 3 prints Go's message unchanged. Helm 4 walks the Go error
 *   chain (each error and what it wraps) and, when every error in it is a template error, prints
 *   one block per template: the location, then `executing "NAME" at <ACTION>:` indented two
 *   spaces, then the message indented four. When any error in the chain is not a template error
 *   (a function's own error such as `incompatible types for comparison`, tpl's wrapper), helm 4
 *   prints Go's message unchanged, as helm 3 does.
 *
 * `helm template` then prints `Error: ` + that text, a blank line and
 * `Use --debug flag to render out invalid YAML`.
 */
import type { Compat } from '../gotemplate/template.js';
import { trimSpace } from '../sprig/strings.js';

export type { Compat };

export const WARN_START = 'HELM_ERR_START';
export const WARN_END = 'HELM_ERR_END';
/** Helm's marker regex; it matches across newlines (measured: `required "a\nb"` prints both lines). */
const WARN_RE = /HELM_ERR_START([\s\S]*)HELM_ERR_END/;

/** Wraps a `required`/`fail` message in helm's markers. */
export function warnWrap(msg: string): string {
  return WARN_START + msg + WARN_END;
}

/** The ways a render can fail. */
export type RenderErrorKind = 'parse' | 'exec' | 'render';

/**
 * A failed render, with the message exactly as helm prints it after `Error: ` (for the compat
 * version it was produced for).
 */
export class HelmRenderError extends Error {
  constructor(
    message: string,
    readonly kind: RenderErrorKind,
    /** Template (file) name being parsed or executed, e.g. `corpus/templates/a.yaml`. */
    readonly template: string,
    /** The underlying error (a TemplateError, or whatever escaped the executor). */
    override readonly cause: unknown,
  ) {
    super(message);
    this.name = 'HelmRenderError';
  }
}

/** What `helm template` writes to stderr for a render error (no --debug). */
export function helmStderr(err: HelmRenderError): string {
  return `Error: ${err.message}\n\nUse --debug flag to render out invalid YAML\n`;
}

/** Helm's rewrite of a parse error of file `filename` (`cleanupParseError`). */
export function formatParseError(filename: string, goMessage: string): string {
  const tokens = goMessage.split(': ');
  if (tokens.length === 1) return `parse error in (${filename}): ${goMessage}`;
  return `parse error at (${tokens[1]}): ${tokens[tokens.length - 1]}`;
}

/**
 * Helm's rewrite of an execution error (a Go `template.ExecError`) of file `filename`.
 * `chain` is the Go error chain as messages: the ExecError first, then what each error wraps
 * (see `errorChain`).
 */
export function formatExecError(filename: string, chain: readonly string[], compat: Compat): string {
  const message = chain[0];
  const tokens = splitN(message, ': ', 3);
  if (tokens.length !== 3) return `execution error in (${filename}): ${message}`;
  const warn = WARN_RE.exec(tokens[2]);
  if (warn) return `execution error at (${tokens[1]}): ${warn[1]}`;
  if (compat === 'helm3') return message;
  return helm4Layout(chain) ?? message;
}

/** Go's strings.SplitN. */
function splitN(s: string, sep: string, n: number): string[] {
  const out: string[] = [];
  let rest = s;
  while (out.length < n - 1) {
    const i = rest.indexOf(sep);
    if (i < 0) break;
    out.push(rest.slice(0, i));
    rest = rest.slice(i + sep.length);
  }
  out.push(rest);
  return out;
}

interface Block {
  location: string;
  executing: string;
  message: string;
}

/** One error of the chain as helm 4 reads it, or undefined when it is not a template error. */
function parseBlock(s: string): Block | undefined {
  const prefix = 'template: ';
  if (!s.startsWith(prefix)) return undefined;
  const rest = s.slice(prefix.length);
  if (rest.startsWith('no template ')) return { location: '', executing: '', message: s };
  const ex = rest.indexOf(': executing "');
  if (ex >= 0) {
    const b = parseExecuting(rest, ex);
    if (b) return b;
    // Not the executing form after all (a quote inside the template name, measured): helm 4
    // falls back to splitting at the last ": ".
  }
  const colon = rest.lastIndexOf(': ');
  if (colon < 0) return undefined;
  return { location: rest.slice(0, colon), executing: '', message: rest.slice(colon + 2) };
}

function parseExecuting(rest: string, ex: number): Block | undefined {
  const location = rest.slice(0, ex);
  const afterExec = rest.slice(ex + ': executing "'.length);
  const q = afterExec.indexOf('"');
  if (q < 0) return undefined;
  const name = afterExec.slice(0, q);
  const afterName = afterExec.slice(q + 1);
  if (!afterName.startsWith(' at <')) return undefined;
  const afterAt = afterName.slice(' at <'.length);
  const close = afterAt.indexOf('>: ');
  if (close < 0) return undefined;
  const action = afterAt.slice(0, close);
  let msg = afterAt.slice(close + 3);
  const next = msg.indexOf(' template:');
  if (next >= 0) msg = msg.slice(0, next);
  return { location, executing: `executing "${name}" at <${action}>:`, message: msg };
}

function helm4Layout(chain: readonly string[]): string | undefined {
  const blocks: Block[] = [];
  for (const s of chain) {
    const b = parseBlock(s);
    if (!b) return undefined;
    const last = blocks[blocks.length - 1];
    if (!last || last.location !== b.location || last.executing !== b.executing || last.message !== b.message) blocks.push(b);
  }
  let out = '';
  for (const b of blocks) {
    if (b.location !== '') out += `${b.location}\n  `;
    if (b.executing !== '') out += `${b.executing}\n    `;
    if (b.message !== '') out += `${b.message}\n`;
  }
  return trimSpace(out);
}


/**
 * An error a helm function returns that wraps another error (Go's `%w`), e.g. include returning
 * the ExecError of the template it executed. `message` is the full text; `wrapped` is kept for
 * the helm 4 error chain.
 */
export interface WrappingError {
  readonly message: string;
  readonly wrapped: unknown;
}

/**
 * The Go error chain of an error as messages, outermost first: each error's message followed by
 * the chain of what it wraps (`cause` of a TemplateError, `wrapped` of a helm wrapper).
 */
export function errorChain(e: unknown): string[] {
  const out: string[] = [];
  const seen = new Set<unknown>();
  let cur: unknown = e;
  while (cur !== undefined && cur !== null && !seen.has(cur)) {
    seen.add(cur);
    if (cur instanceof Error || (typeof cur === 'object' && 'message' in cur)) {
      out.push(String((cur as { message: unknown }).message));
      const next = (cur as { wrapped?: unknown }).wrapped ?? (cur as { cause?: unknown }).cause;
      cur = next;
    } else {
      out.push(String(cur));
      break;
    }
  }
  return out;
}

/** Where in `helm template`'s pipeline a chart render failed. */
export type ChartErrorStage =
  | 'options'
  | 'values'
  | 'chart'
  | 'dependencies'
  | 'schema'
  | 'kubeVersion'
  | 'render'
  | 'yaml'
  | 'output'
  | 'showOnly'
  /** Something this implementation did not expect (a bug): reported, never thrown. */
  | 'internal';

/**
 * A failed `renderChart`: `message` is helm's text without `Error: `. `debugHint` says whether
 * helm follows it with a blank line and `Use --debug flag to render out invalid YAML` (helm adds
 * it to every error raised once the release exists: kubeVersion, template, NOTES and YAML
 * errors; not to values, dependency, schema or --show-only errors; measured).
 */
export class HelmChartError extends Error {
  constructor(
    message: string,
    readonly stage: ChartErrorStage,
    readonly debugHint: boolean,
    override readonly cause?: unknown,
    /** The render ran with --debug (helm then prints no hint line). */
    readonly debug = false,
  ) {
    super(message);
    this.name = 'HelmChartError';
  }

  /** The same error as raised by a render with or without --debug. */
  withDebug(debug: boolean): HelmChartError {
    return debug === this.debug ? this : new HelmChartError(this.message, this.stage, this.debugHint, this.cause, debug);
  }

  /**
   * What `helm template` writes to stderr for this error. With `debug`, helm prints no hint
   * line; it also writes debug log lines and (helm 3) a Go stack trace, which are not
   * reproduced. `compat` is accepted for symmetry: the message is already that version's.
   */
  stderr(compat?: Compat, opts: { readonly debug?: boolean } = {}): string {
    void compat;
    if (this.debugHint && !(opts.debug ?? this.debug)) return `Error: ${this.message}\n\nUse --debug flag to render out invalid YAML\n`;
    return `Error: ${this.message}\n`;
  }
}
