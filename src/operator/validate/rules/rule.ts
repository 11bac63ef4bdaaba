/** What a semantic rule is and the helpers rules share. */
import { pointerToPath, type Issue, type Severity, type SourceMap } from '../../issues.js';
import { sourceFor } from '../source.js';

export interface RuleContext {
  /** The whole IstioOperator document (apiVersion, kind, metadata, spec), untyped. */
  readonly doc: unknown;
  readonly sourceMap: SourceMap | undefined;
}

export interface Rule {
  readonly name: string;
  /**
   * Fatal rules stay errors under --force (Istio's ValidateConfig "fail hard" checks); the
   * others are format checks that --force turns into warnings, like schema errors.
   */
  readonly fatal: boolean;
  check(ctx: RuleContext): Issue[];
}

export function issueAt(
  ctx: RuleContext,
  pointer: string,
  code: string,
  message: string,
  opts: { severity?: Severity; suggestion?: string } = {},
): Issue {
  const source = sourceFor(ctx.sourceMap, pointer);
  return {
    severity: opts.severity ?? 'error',
    code,
    path: pointerToPath(pointer),
    message,
    ...(source ? { source } : {}),
    ...(opts.suggestion ? { suggestion: opts.suggestion } : {}),
  };
}
