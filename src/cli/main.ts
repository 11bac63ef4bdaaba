/**
 * The command line. The only layer that prints or decides exit codes:
 * 0 ok, 1 invalid input, 2 usage, 3 internal fault.
 */
export interface Io {
  stdout(text: string): void;
  stderr(text: string): void;
}

const USAGE = `Usage: istio-installer <command> [flags]

Commands available in this version:
  version        print the version

Planned (see the project's issues): manifest generate, profile, validate, helm template,
tag, revision, uninstall, kube-inject.
`;

export const VERSION = '0.1.0';

export async function main(argv: readonly string[], io: Io): Promise<number> {
  const [cmd] = argv;
  if (cmd === 'version' || cmd === '--version') {
    io.stdout(`istio-installer ${VERSION}\n`);
    return 0;
  }
  if (cmd === undefined || cmd === 'help' || cmd === '--help' || cmd === '-h') {
    io.stdout(USAGE);
    return 0;
  }
  io.stderr(`Error: unknown or not yet implemented command "${argv.join(' ')}"\n\n${USAGE}`);
  return 2;
}
