/**
 * The checks every topology gets (registered by each topology's test file): every cluster renders
 * without error for every supported Kubernetes version, with only the warnings listed here; every
 * rendered object passes strict Kubernetes validation against the CRDs that cluster itself
 * installs (so an Istio resource rendered into a cluster without Istio's CRDs fails too); the
 * extra YAML of the topology validates against the CRDs of the clusters it is applied in.
 */
import { describe, expect, it } from 'vitest';
import { formatKubeIssue, KUBE_VERSIONS, validateManifestText, validateObjects } from '../../src/manifest/index.js';
import { EXTRA_YAML, objectsOf, readTopologyFile, renderCluster, TOPOLOGIES, topologyPath } from './helpers.js';

/** Warnings (by code) a cluster is expected to render with; every other cluster renders without any. */
export const EXPECTED_WARNINGS: Readonly<Record<string, readonly string[]>> = {};

export function describeCommonChecks(topology: string): void {
  const clusters = TOPOLOGIES[topology] ?? [];
  describe(`${topology}: every cluster renders and validates`, () => {
    it('has its cluster files', () => {
      expect(clusters.length).toBeGreaterThan(0);
    });

    for (const cluster of clusters) {
      for (const version of KUBE_VERSIONS) {
        it(`${cluster}: renders for Kubernetes ${version} with no error and only the expected warnings`, () => {
          const set = renderCluster(topology, cluster, version);
          expect(set.objects.length, `${cluster} renders nothing`).toBeGreaterThan(0);
          const warnings = set.warnings.map((w) => `${w.code}: ${w.path}: ${w.message}`);
          expect(set.warnings.map((w) => w.code), `${cluster} warnings:\n${warnings.join('\n')}`).toEqual(EXPECTED_WARNINGS[`${topology}/${cluster}`] ?? []);
        });

        it(`${cluster}: every object passes strict Kubernetes ${version} validation against the CRDs this cluster installs`, () => {
          const set = renderCluster(topology, cluster, version);
          const issues = validateObjects(
            set.objects.map((o) => o.object),
            { version },
          );
          expect(issues.map((i) => formatKubeIssue(i, `${cluster}.yaml`))).toEqual([]);
        });
      }
    }

    for (const extra of EXTRA_YAML[topology] ?? []) {
      for (const cluster of extra.clusters) {
        for (const version of KUBE_VERSIONS) {
          it(`${extra.file} validates (Kubernetes ${version}) against the CRDs ${cluster} installs`, () => {
            const crds = objectsOf(renderCluster(topology, cluster, version), 'CustomResourceDefinition').map((o) => o.object);
            expect(crds.length, `${cluster} installs no CRDs, so ${extra.file} cannot be applied there`).toBeGreaterThan(0);
            const issues = validateManifestText(readTopologyFile(topology, extra.file), { version, crds });
            expect(issues.map((i) => formatKubeIssue(i, topologyPath(topology, extra.file)))).toEqual([]);
          });
        }
      }
    }
  });
}
