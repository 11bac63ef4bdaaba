/**
 * `istio-installer helm ...`: helm's own commands run by the embedded renderer (issue 3).
 */
import type { Command } from 'commander';
import type { CliContext } from './io.js';

export function registerHelm(_program: Command, _ctx: CliContext): void {
  // The `helm template` command is registered here once the chart renderer lands.
}
