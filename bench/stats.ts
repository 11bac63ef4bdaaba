/** Small timing helpers shared by the benches. */
import { spawnSync } from 'node:child_process';

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Milliseconds of `fn`, run `runs` times after `warmup` untimed runs. */
export function timeInProcess(fn: () => void, runs: number, warmup = 5): number[] {
  for (let i = 0; i < warmup; i++) fn();
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    out.push(performance.now() - t0);
  }
  return out;
}

export interface ProcessTiming {
  ms: number[];
  /** Peak resident set of the child in KiB, from /usr/bin/time when available. */
  maxRssKiB: number[];
  lastStatus: number | null;
}

/** Wall time (and peak RSS where GNU time is installed) of a command, run `runs` times. */
export function timeProcess(cmd: string, args: readonly string[], runs: number): ProcessTiming {
  const ms: number[] = [];
  const maxRssKiB: number[] = [];
  let lastStatus: number | null = null;
  const gnuTime = spawnSync('/usr/bin/time', ['-f', '%M', 'true']).status === 0;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const r = gnuTime
      ? spawnSync('/usr/bin/time', ['-f', '%M', cmd, ...args], { encoding: 'utf8', maxBuffer: 1 << 28 })
      : spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 1 << 28 });
    ms.push(performance.now() - t0);
    lastStatus = r.status;
    if (gnuTime) {
      const last = r.stderr.trimEnd().split('\n').pop() ?? '';
      const kib = Number(last);
      if (Number.isFinite(kib)) maxRssKiB.push(kib);
    }
  }
  return { ms, maxRssKiB, lastStatus };
}

export function fmtMs(x: number): string {
  return x < 10 ? x.toFixed(2) : x.toFixed(1);
}
