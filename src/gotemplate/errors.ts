/**
 * Errors of the template language.
 *
 * `GoError` is what a template function "returns" as its Go `error` result: a function
 * implementation throws it, and the executor turns it into Go's
 * `error calling NAME: MESSAGE` wrapping. Any other exception thrown by a function is treated
 * as a Go panic (text/template recovers those into errors as well).
 *
 * `TemplateError` is a parse or execution error of a template, with Go's exact `Error()` text
 * as `message` and the parts that make it up, so callers can lay the error out as helm 3 or
 * helm 4 do.
 */
export class GoError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GoError';
  }
}

/** The parts of a template error. */
export interface TemplateErrorParts {
  /** Go's full error text, e.g. `template: t:1:3: executing "t" at <.a.b>: nil pointer ...`. */
  readonly message: string;
  readonly kind: 'parse' | 'exec';
  /**
   * Exec: the name of the template being executed (`executing "NAME"`); parse: the name the
   * text was parsed under.
   */
  readonly template: string;
  /** The name of the parsed text the failing node belongs to (the file), Go's ParseName. */
  readonly parseName: string | null;
  /** 1-based line, or null when Go prints no location. */
  readonly line: number | null;
  /** Go's column: the byte offset of the node in its line (0-based), exec errors only. */
  readonly col: number | null;
  /** The node as Go prints it inside `at <...>` (exec errors with a location only). */
  readonly context: string | null;
  /** The message after the location part (`nil pointer evaluating interface {}.b`). */
  readonly inner: string;
  /** For `error calling NAME: ...`: the function name. */
  readonly funcName?: string;
  /** For `error calling NAME: ...`: what the function threw (a GoError, a nested TemplateError, ...). */
  readonly cause?: unknown;
}

/** A template parse or execution error; `message` is Go's exact `Error()` string. */
export class TemplateError extends Error implements TemplateErrorParts {
  readonly kind: 'parse' | 'exec';
  readonly template: string;
  readonly parseName: string | null;
  readonly line: number | null;
  readonly col: number | null;
  readonly context: string | null;
  readonly inner: string;
  readonly funcName?: string;
  override readonly cause?: unknown;

  constructor(parts: TemplateErrorParts) {
    super(parts.message);
    this.name = 'TemplateError';
    this.kind = parts.kind;
    this.template = parts.template;
    this.parseName = parts.parseName;
    this.line = parts.line;
    this.col = parts.col;
    this.context = parts.context;
    this.inner = parts.inner;
    if (parts.funcName !== undefined) this.funcName = parts.funcName;
    if (parts.cause !== undefined) this.cause = parts.cause;
  }

  /** The location as Go prints it: `NAME:LINE:COL` (exec) or `NAME:LINE` (parse). */
  get location(): string | null {
    if (this.parseName === null || this.line === null) return null;
    return this.col === null ? this.parseName + ':' + this.line : this.parseName + ':' + this.line + ':' + this.col;
  }
}

/**
 * A Go runtime panic raised by the executor itself (not by a template function), e.g. helm 3's
 * `"x" | call` (Go 1.23 indexes an empty argument list). text/template does not recover runtime
 * panics: it escapes the execution (helm prints `rendering template failed: MESSAGE`), unless a
 * function call in an outer template (include, tpl) recovers it as `error calling NAME: MESSAGE`.
 */
export class GoPanic extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GoPanic';
  }
}
