/**
 * What a command needs from the outside world, passed in so commands can run in-process in
 * tests: output streams, the working directory and the environment. Commands read input files
 * themselves (the CLI is the edge); everything they call below src/cli is pure.
 */
export interface Io {
  stdout(text: string): void;
  stderr(text: string): void;
}

export interface CliContext {
  readonly io: Io;
  /** Directory relative paths are resolved against. */
  readonly cwd: string;
  /** Environment variables the command may consult (helm reads HELM_NAMESPACE). */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Records the process exit code: 0 ok, 1 invalid input, 2 usage, 3 internal fault. */
  setExitCode(code: number): void;
}
