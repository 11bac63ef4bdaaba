/**
 * `istio-installer profile list|dump|diff` (issue 4).
 */
import type { Command } from 'commander';
import type { CliContext } from './io.js';

export function registerProfile(_program: Command, _ctx: CliContext): void {
  // The profile commands are registered here once composition lands.
}
