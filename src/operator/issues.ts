/**
 * Problems found in an IstioOperator, as data (DESIGN.md "Errors are data"). Every stage of the
 * API (YAML loading, --set parsing, composition, schema validation, semantic rules) reports
 * through these types; formatting for people lives in one place (`formatIssue`), so the CLI and
 * the library print the same text.
 */

/** Where a value was written: a file (or `--set` flag) with 1-based line and column. */
export interface SourcePosition {
  /** File path as the user gave it, `<stdin>`, `--set`, or `profiles/<name>.yaml`. */
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

export type Severity = 'error' | 'warning';

export interface Issue {
  readonly severity: Severity;
  /** Stable machine-readable code, e.g. `unknown-field`, `invalid-type`, `invalid-hub`. */
  readonly code: string;
  /** Dotted path with list indices, from the document root: `spec.components.pilot.k8s.env[0].name`. */
  readonly path: string;
  /** What is wrong and what was expected, without the path or position. */
  readonly message: string;
  readonly source?: SourcePosition;
  /** A fix, e.g. `did you mean "components"?`. */
  readonly suggestion?: string;
}

/**
 * Where each node of a composed document came from, keyed by JSON pointer of the final
 * document (`/spec/components/pilot/k8s`). The last layer that wrote a node owns it.
 */
export type SourceMap = ReadonlyMap<string, SourcePosition>;

/** The one error class of the IstioOperator API; `issues` holds at least one error. */
export class IstioOperatorError extends Error {
  readonly issues: readonly Issue[];
  constructor(issues: readonly Issue[]) {
    super(issues.map(formatIssue).join('\n'));
    this.name = 'IstioOperatorError';
    this.issues = issues;
  }
}

/** `file:line:col: error: path: message (suggestion)`; position and path are left out when unknown. */
export function formatIssue(issue: Issue): string {
  const where = issue.source ? `${issue.source.file}:${issue.source.line}:${issue.source.column}: ` : '';
  const path = issue.path ? `${issue.path}: ` : '';
  const hint = issue.suggestion ? ` (${issue.suggestion})` : '';
  return `${where}${issue.severity}: ${path}${issue.message}${hint}`;
}

/** JSON pointer (`/spec/a/0`) to the dotted form used in messages (`spec.a[0]`). */
export function pointerToPath(pointer: string): string {
  if (pointer === '' || pointer === '/') return '';
  let out = '';
  for (const raw of pointer.slice(1).split('/')) {
    const seg = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (/^\d+$/.test(seg)) out += `[${seg}]`;
    else if (/^[A-Za-z_][\w-]*$/.test(seg)) out += out === '' ? seg : `.${seg}`;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out;
}
