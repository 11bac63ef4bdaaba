/**
 * The command line with every command group. The only layer that prints or decides exit codes;
 * the program itself is built in program.ts.
 */
import { registerHelm } from './helm.js';
import type { Io } from './io.js';
import { registerKubeInject } from './kube-inject.js';
import { registerManifest } from './manifest.js';
import { runMain, type MainOptions, type Registrar } from './program.js';
import { registerProfile } from './profile.js';
import { registerRemoteSecret } from './remote-secret.js';
import { registerRevision } from './revision.js';
import { registerTag } from './tag.js';
import { registerUninstall } from './uninstall.js';
import { registerValidate } from './validate.js';
import { registerWorkload } from './workload.js';

export type { CliContext, Io } from './io.js';
export { VERSION, type MainOptions } from './program.js';

const ALL: readonly Registrar[] = [
  registerProfile,
  registerValidate,
  registerManifest,
  registerKubeInject,
  registerTag,
  registerRevision,
  registerUninstall,
  registerRemoteSecret,
  registerWorkload,
  registerHelm,
];

export function main(argv: readonly string[], io: Io, opts: MainOptions = {}): Promise<number> {
  return runMain(argv, io, opts, ALL);
}
