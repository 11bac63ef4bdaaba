// `istio-installer ... | head`: the reader leaves after the first lines; the command must stop
// quietly (exit 0, nothing on stderr), not print a Node stack trace about EPIPE (T4's report).
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const BIN = new URL('../../bin/istio-installer.cjs', import.meta.url).pathname;

/** A chart whose output (about 2 MB) is far larger than a pipe's buffer. */
function bigChart(): string {
  const dir = mkdtempSync(join(tmpdir(), 'epipe-'));
  mkdirSync(join(dir, 'templates'));
  writeFileSync(join(dir, 'Chart.yaml'), 'apiVersion: v2\nname: big\nversion: 0.1.0\n');
  writeFileSync(
    join(dir, 'templates', 'cm.yaml'),
    '{{- range $i := until 20000 }}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm-{{ $i }}\ndata:\n  k: "{{ repeat 40 "x" }}"\n{{- end }}\n',
  );
  return dir;
}

function runAndCloseEarly(args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.stdout.once('data', () => child.stdout.destroy());
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

describe('a reader that closes the pipe early', () => {
  it('ends the command quietly with exit 0', async () => {
    // Several times: whether the write fails depends on how far the output got.
    const chart = bigChart();
    for (let i = 0; i < 3; i++) {
      const r = await runAndCloseEarly(['helm', 'template', 'r', chart]);
      expect(r.stderr).not.toMatch(/EPIPE|Error/);
      expect(r.code).toBe(0);
    }
  }, 60_000);
});
