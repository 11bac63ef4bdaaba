/**
 * `istio-installer validate -f FILE... [--force]` (issue 4): loads each IstioOperator file,
 * validates it against the schema and Istio's semantic rules, prints every issue to stderr as
 * `file:line:col: severity: path: message (suggestion)` and `OK: FILE` to stdout for each file
 * without errors. Exit code 1 when any file has an error (or cannot be read), 0 otherwise.
 */
import type { Command } from 'commander';
import { formatIssue, type Issue } from '../operator/issues.js';
import { parseIstioOperatorBytes } from '../operator/load.js';
import { collectIssues } from '../operator/validate/index.js';
import type { CliContext } from './io.js';
import { readUserFile } from './read-file.js';

interface ValidateOptions {
  filename?: string[];
  force?: boolean;
}

/** Issues of one file (load + validate). */
export function validateFile(ctx: CliContext, file: string, force: boolean): { readable: boolean; issues: Issue[] } {
  const input = readUserFile(ctx.cwd, file);
  if (!input.ok) {
    ctx.io.stderr(`${file}: error: cannot read the file: ${input.why}\n`);
    return { readable: false, issues: [] };
  }
  const parsed = parseIstioOperatorBytes(input.bytes, input.name);
  if (!parsed.ok) return { readable: true, issues: parsed.issues };
  return { readable: true, issues: collectIssues(parsed.value, { sourceMap: parsed.sourceMap, force }) };
}

export function registerValidate(program: Command, ctx: CliContext): void {
  program
    .command('validate')
    .description('check IstioOperator files against the schema and Istio 1.11 rules, reporting every problem')
    .requiredOption('-f, --filename <files...>', 'IstioOperator YAML file(s) to validate (repeatable; - reads stdin)')
    .option('--force', 'report schema and format errors as warnings (gateway ports needing root and removed addons stay errors)')
    .action((opts: ValidateOptions) => {
      let failed = false;
      for (const file of opts.filename ?? []) {
        const { readable, issues } = validateFile(ctx, file, opts.force === true);
        for (const issue of issues) ctx.io.stderr(`${formatIssue(issue)}\n`);
        if (!readable || issues.some((i) => i.severity === 'error')) failed = true;
        else ctx.io.stdout(`OK: ${file}\n`);
      }
      if (failed) ctx.setExitCode(1);
    });
}
