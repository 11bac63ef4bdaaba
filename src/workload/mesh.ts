/**
 * What a VM needs to know about the mesh, read offline from the installation that holds the mesh
 * config: the installation is rendered (src/manifest render()) and the mesh ConfigMap
 * `istio[-<revision>]` in istiod's namespace is read, as istioctl 1.11 read it from the cluster,
 * together with the values it was rendered from.
 */
import type { ComposeFile } from '../operator/compose/index.js';
import type { Issue } from '../operator/issues.js';
import { at, isObj } from '../operator/translate/data.js';
import { safeRender } from '../manifest/index.js';
import type { ComponentManifest, ManifestObject } from '../manifest/index.js';
import { goToJson, meshConfigFromYaml, proxyConfigFromAnnotation, type JsonObject } from '../inject/mesh.js';
import { parseYamlDocument, YamlError } from '../yaml/index.js';

/** The installation of the cluster whose istiod the VM connects to (what `manifest generate` takes). */
export interface MeshInstallation {
  readonly files?: readonly ComposeFile[];
  readonly set?: readonly string[];
  readonly profile?: string;
  readonly revision?: string;
}

export interface MeshFacts {
  /** `istio` or `istio-<revision>`. */
  readonly configMapName: string;
  /** istiod's namespace (where the mesh ConfigMap lives). */
  readonly istioNamespace: string;
  readonly revision: string;
  /** The ConfigMap's `mesh` text. */
  readonly meshText: string;
  /** mesh.defaultConfig as protobuf JSON, as in the ConfigMap (no istiod defaults added), proxyMetadata always present. */
  readonly defaultConfig: JsonObject;
  /** meshConfig.trustDomain (istiod's default cluster.local when the ConfigMap has none). */
  readonly trustDomain: string;
  /** values.global.meshID, network, multiCluster.clusterName, sds.token.aud. */
  readonly meshID: string;
  readonly network: string;
  readonly clusterName: string;
  readonly tokenAudience: string;
  /** values.global.remotePilotAddress: where an istiod outside this cluster is published ('' when none). */
  readonly remotePilotAddress: string;
  /** The env of istiod's discovery container when the installation renders istiod here, else undefined. */
  readonly istiodEnv: ReadonlyMap<string, string> | undefined;
  /** Warnings of rendering the installation. */
  readonly warnings: readonly Issue[];
}

export type MeshFactsResult = { readonly success: true; readonly data: MeshFacts } | { readonly success: false; readonly issues: readonly Issue[] };

function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

const MESH_HOLDERS = ['Pilot', 'IstiodRemote'];

function noMeshConfig(what: string, name: string, ns: string): Issue {
  return {
    severity: 'error',
    code: 'workload-no-mesh-config',
    path: '',
    message: `${what} renders no mesh ConfigMap ${ns}/${name}; the VM's mesh.yaml and cluster.env are made from it`,
    suggestion:
      'pass the IstioOperator of the cluster that holds the mesh config: the primary cluster, or the config cluster of an external control plane, which sets values.pilot.configMap true',
  };
}

/** Renders the installation and reads the mesh ConfigMap and values from it. */
export function meshFacts(install: MeshInstallation): MeshFactsResult {
  const r = safeRender({
    ...(install.files !== undefined ? { files: install.files } : {}),
    ...(install.set !== undefined ? { set: install.set } : {}),
    ...(install.profile !== undefined ? { profile: install.profile } : {}),
    ...(install.revision !== undefined ? { revision: install.revision } : {}),
  });
  if (!r.success) return r;
  const holder: ComponentManifest | undefined = r.data.components.find((c) => MESH_HOLDERS.includes(c.component));
  const values = holder?.values ?? {};
  const revision = str(at(values, 'revision'));
  const configMapName = revision === '' || revision === 'default' ? 'istio' : `istio-${revision}`;
  const istioNamespace = holder?.namespace ?? (str(at(values, 'global', 'istioNamespace')) || 'istio-system');
  if (holder === undefined) return { success: false, issues: [noMeshConfig('the installation (it enables neither Pilot nor IstiodRemote)', configMapName, istioNamespace)] };

  const cm: ManifestObject | undefined = r.data.objects.find((o) => o.kind === 'ConfigMap' && o.name === configMapName && o.namespace === istioNamespace);
  const meshText = cm === undefined ? undefined : at(cm.object, 'data', 'mesh');
  if (cm === undefined || typeof meshText !== 'string') {
    const profile = `the installation (component ${holder.component}${at(values, 'pilot', 'configMap') === false ? ', values.pilot.configMap false' : ''})`;
    return { success: false, issues: [noMeshConfig(profile, configMapName, istioNamespace)] };
  }
  const file = `ConfigMap ${istioNamespace}/${configMapName} data.mesh`;
  const mesh = meshConfigFromYaml(meshText, file);
  if (!mesh.success) return { success: false, issues: mesh.issues };

  // The defaultConfig as written in the ConfigMap (istioctl applies it to an empty MeshConfig).
  let raw: unknown;
  try {
    raw = goToJson(parseYamlDocument(meshText));
  } catch (e) {
    if (e instanceof YamlError) return { success: false, issues: [{ severity: 'error', code: 'mesh-config-parse', path: '', message: `mesh config: ${e.message}` }] };
    throw e;
  }
  const dc = at(raw, 'defaultConfig');
  const pc = proxyConfigFromAnnotation({ proxyMetadata: {} }, JSON.stringify(isObj(dc) ? dc : {}), `${file} defaultConfig`);
  if (!pc.success) return { success: false, issues: pc.issues };

  return {
    success: true,
    data: {
      configMapName,
      istioNamespace,
      revision,
      meshText,
      defaultConfig: pc.proxyConfig,
      trustDomain: str(mesh.meshConfig.trustDomain),
      meshID: str(at(values, 'global', 'meshID')),
      network: str(at(values, 'global', 'network')),
      clusterName: str(at(values, 'global', 'multiCluster', 'clusterName')),
      tokenAudience: str(at(values, 'global', 'sds', 'token', 'aud')) || 'istio-ca',
      remotePilotAddress: str(at(values, 'global', 'remotePilotAddress')),
      istiodEnv: istiodEnv(r.data.objects, revision, istioNamespace),
      warnings: r.data.warnings,
    },
  };
}

/** The literal env values of the discovery container of Deployment istiod[-<revision>]. */
function istiodEnv(objects: readonly ManifestObject[], revision: string, ns: string): Map<string, string> | undefined {
  const name = revision === '' || revision === 'default' ? 'istiod' : `istiod-${revision}`;
  const d = objects.find((o) => o.kind === 'Deployment' && o.name === name && o.namespace === ns);
  if (d === undefined) return undefined;
  const containers = at(d.object, 'spec', 'template', 'spec', 'containers');
  const discovery = Array.isArray(containers) ? containers.find((c) => at(c, 'name') === 'discovery') : undefined;
  const env = at(discovery, 'env');
  const out = new Map<string, string>();
  if (Array.isArray(env)) for (const e of env) if (typeof at(e, 'name') === 'string' && typeof at(e, 'value') === 'string') out.set(at(e, 'name') as string, at(e, 'value') as string);
  return out;
}
