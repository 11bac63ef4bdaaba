// How a render is compared with helm's recorded output (measured.test.ts, render-chart.test.ts).
import { expect } from 'vitest';

export interface Outcome {
  stdout: string;
  stderr: string;
  code: number;
}

/** The `---`-separated blocks of an output, sorted, with the trimmed tail normalised. */
export function blocks(stdout: string): string[] {
  return stdout
    .split(/^---$/m)
    .map((b) => b.trim())
    .sort();
}

/**
 * Same stdout, exit code and stderr as helm. With --debug helm prints the files of a failed
 * render in Go map order (random), so stdout is compared as a set of blocks, and stderr holds
 * debug logs (helm 3: a Go stack trace), so only the `Error:` line is compared.
 */
export function expectLikeHelm(got: Outcome, want: Outcome, debug: boolean): void {
  if (debug) expect(blocks(got.stdout)).toEqual(blocks(want.stdout));
  else expect(got.stdout).toBe(want.stdout);
  expect(got.code).toBe(want.code);
  if (debug) {
    const errorLine = got.stderr.split('\n').find((l) => l.startsWith('Error: '));
    expect(want.stderr).toContain(`${errorLine}\n`);
  } else {
    expect(got.stderr).toBe(want.stderr);
  }
}
