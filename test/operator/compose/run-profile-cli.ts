/**
 * Runs `profile ...` in-process on a commander program that has only the profile commands
 * (so these tests do not depend on the other command groups), returning stdout, stderr and
 * the exit code the command set.
 */
import { Command, CommanderError } from 'commander';
import { registerProfile } from '../../../src/cli/profile.js';
import type { CliContext } from '../../../src/cli/io.js';

export interface CliRun {
  readonly stdout: string;
  readonly stderr: string;
  readonly code: number;
}

export async function runProfileCli(args: readonly string[], cwd = '.'): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  let code = 0;
  const ctx: CliContext = {
    io: { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) },
    cwd,
    env: {},
    setExitCode: (c) => {
      code = c;
    },
  };
  const program = new Command('istio-installer').exitOverride().configureOutput({ writeOut: (s) => (stdout += s), writeErr: (s) => (stderr += s) });
  registerProfile(program, ctx);
  const all = (c: Command): void => {
    c.exitOverride().configureOutput({ writeOut: (s) => (stdout += s), writeErr: (s) => (stderr += s) });
    c.commands.forEach(all);
  };
  all(program);
  try {
    await program.parseAsync(['profile', ...args], { from: 'user' });
  } catch (e) {
    if (!(e instanceof CommanderError)) throw e;
    code = e.code === 'commander.helpDisplayed' ? 0 : 2;
  }
  return { stdout, stderr, code };
}
