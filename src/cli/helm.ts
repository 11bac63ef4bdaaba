/**
 * `istio-installer helm ...`: helm's own commands run by the embedded renderer (issue 3).
 *
 * Commander only routes `helm template` here; the template command's arguments are parsed by
 * helm-flags.ts with helm's (pflag's) rules and messages, so usage errors read as helm's.
 */
import type { Command } from 'commander';
import { runHelmTemplate } from './helm-template.js';
import type { CliContext } from './io.js';

/**
 * The arguments after `helm template` exactly as given. Commander drops a `--` separator from
 * the operands it hands to the action, so they are taken from the program's raw arguments when
 * those start with the command path.
 */
function templateArgv(cmd: Command, operands: readonly string[]): string[] {
  let root: Command = cmd;
  while (root.parent) root = root.parent;
  const raw = (root as Command & { rawArgs?: unknown }).rawArgs;
  if (Array.isArray(raw)) {
    const all = raw.filter((a): a is string => typeof a === 'string');
    const at = all.findIndex((a, i) => a === 'helm' && all[i + 1] === 'template');
    if (at >= 0) return all.slice(at + 2);
  }
  return [...operands];
}

export function registerHelm(program: Command, ctx: CliContext): void {
  // `helm template --version 1.2.3` is helm's chart version flag, not the program's --version:
  // program options are read only before the command name (commander's positional options).
  program.enablePositionalOptions();
  const helm = program.command('helm').description("helm's commands on the embedded chart renderer (no helm binary needed)");
  helm
    .command('template')
    .description('render a chart as `helm template` does: [NAME] CHART [flags] (see `helm template --help`)')
    .usage('[NAME] [CHART] [flags]')
    .helpOption(false)
    .allowUnknownOption()
    .allowExcessArguments()
    .argument('[args...]')
    .action((operands: string[], _opts: unknown, cmd: Command) => {
      runHelmTemplate(templateArgv(cmd, operands), ctx);
    });
}
