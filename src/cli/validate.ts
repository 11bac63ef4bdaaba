/**
 * `istio-installer validate -f FILE...` (issue 4).
 */
import type { Command } from 'commander';
import type { CliContext } from './io.js';

export function registerValidate(_program: Command, _ctx: CliContext): void {
  // The validate command is registered here once validation lands.
}
