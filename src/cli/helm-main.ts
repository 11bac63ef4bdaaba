/**
 * The command line for `istio-installer helm ...` alone: the same program as main.ts with only
 * the helm command group, so starting it loads the chart renderer and nothing else. bin/ picks
 * it when the first argument is `helm`.
 */
import { registerHelm } from './helm.js';
import type { Io } from './io.js';
import { runMain, type MainOptions } from './program.js';

export function main(argv: readonly string[], io: Io, opts: MainOptions = {}): Promise<number> {
  return runMain(argv, io, opts, [registerHelm]);
}
