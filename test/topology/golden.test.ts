/**
 * Golden manifests of every topology: test/golden/topologies/<topology>/<cluster>.yaml is what
 * `istio-installer manifest generate -f docs/examples/topologies/<topology>/<cluster>.yaml` prints
 * (render().toYaml()). UPDATE_GOLDEN=1 rewrites them; read every changed golden before committing.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { golden, GOLDEN_DIR, renderCluster, ROOT, TOPOLOGIES, topologyPath } from './helpers.js';

const CASES = Object.entries(TOPOLOGIES).flatMap(([topology, clusters]) => clusters.map((cluster) => [`${topology}/${cluster}`, topology, cluster] as const));

describe('topology goldens', () => {
  it.each(CASES)('%s matches its golden file', (name, topology, cluster) => {
    const text = renderCluster(topology, cluster).toYaml();
    expect(text.length, `${name} renders nothing`).toBeGreaterThan(0);
    expect(text).toBe(golden(`${name}.yaml`, text));
  });

  it.each(CASES)('%s: `istio-installer manifest generate -f` prints the golden, with no warning', async (name, topology, cluster) => {
    let stdout = '';
    let stderr = '';
    const code = await main(['manifest', 'generate', '-f', topologyPath(topology, `${cluster}.yaml`)], { stdout: (s) => void (stdout += s), stderr: (s) => void (stderr += s) }, { cwd: ROOT });
    expect(stderr, `${name}: stderr`).toBe('');
    expect(code, `${name}: exit code`).toBe(0);
    expect(stdout).toBe(golden(`${name}.yaml`, renderCluster(topology, cluster).toYaml()));
  });

  it('every golden file belongs to a cluster of a topology', () => {
    const expected = new Set(CASES.map(([name]) => `${name}.yaml`));
    const stale: string[] = [];
    for (const topology of existsSync(GOLDEN_DIR) ? readdirSync(GOLDEN_DIR) : []) {
      for (const f of readdirSync(join(GOLDEN_DIR, topology))) if (!expected.has(`${topology}/${f}`)) stale.push(`${topology}/${f}`);
    }
    expect(stale).toEqual([]);
  });
});
