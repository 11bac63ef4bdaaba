/**
 * The command-line program: builds commander with the given command groups, routes output
 * through `Io` and turns failures into exit codes (0 ok, 1 invalid input, 2 usage, 3 internal
 * fault), so every command can be run in-process by tests.
 *
 * Which groups are registered is the caller's choice: main.ts registers all of them; helm-main.ts
 * only `helm`, so a `helm template` run loads nothing of the IstioOperator API (the CLI start-up
 * is measured in bench/helm.ts).
 */
import { Command, CommanderError } from 'commander';
import type { CliContext, Io } from './io.js';

export type { CliContext, Io } from './io.js';

export const VERSION = '0.1.0';

export interface MainOptions {
  readonly cwd?: string;
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/** Adds one command group (its commands, options and actions) to the program. */
export type Registrar = (program: Command, ctx: CliContext) => void;

export function buildProgram(ctx: CliContext, registrars: readonly Registrar[]): Command {
  const program = new Command('istio-installer')
    .description('Istio 1.11 installer: IstioOperator to Kubernetes manifests, with an embedded Helm renderer')
    .version(`istio-installer ${VERSION}`, '--version', 'print the version')
    .helpCommand(true)
    .showHelpAfterError(false)
    .configureOutput({ writeOut: (s) => ctx.io.stdout(s), writeErr: (s) => ctx.io.stderr(s) })
    .exitOverride();
  program
    .command('version')
    .description('print the version')
    .action(() => ctx.io.stdout(`istio-installer ${VERSION}\n`));
  for (const register of registrars) register(program, ctx);
  for (const cmd of program.commands) cmd.exitOverride().configureOutput({ writeOut: (s) => ctx.io.stdout(s), writeErr: (s) => ctx.io.stderr(s) });
  return program;
}

export async function runMain(argv: readonly string[], io: Io, opts: MainOptions, registrars: readonly Registrar[]): Promise<number> {
  let exitCode = 0;
  const ctx: CliContext = {
    io,
    cwd: opts.cwd ?? '.',
    env: opts.env ?? {},
    setExitCode: (code) => {
      exitCode = code;
    },
  };
  const program = buildProgram(ctx, registrars);
  if (argv.length === 0) {
    io.stdout(program.helpInformation());
    return 0;
  }
  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (e) {
    if (e instanceof CommanderError) {
      // Help and version are "errors" to commander; a real usage error is exit 2.
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return 0;
      return 2;
    }
    const msg = e instanceof Error ? e.message : String(e);
    io.stderr(`Error: internal fault, please report it: ${msg}\n`);
    return 3;
  }
  return exitCode;
}
