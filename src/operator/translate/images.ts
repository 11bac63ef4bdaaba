/**
 * Image hub/tag handling. Each component's hub/tag reaches only that component's chart (Istio
 * 1.11 let components.istiodRemote.hub/tag overwrite global.hub/tag of every chart; fixed here).
 * Gateways are injected by istiod, so their image is chosen at admission; a gateway entry's own
 * hub/tag becomes the pod annotation sidecar.istio.io/proxyImage, which the injector honours.
 */
import { at, nonEmptyString } from './data.js';

export const PROXY_IMAGE_ANNOTATION = 'sidecar.istio.io/proxyImage';

/** `components.X.hub` / `.tag` when set (numbers print as Go's fmt would). */
export function componentHubTag(component: unknown): { hub?: string; tag?: string } {
  const hub = nonEmptyString(at(component, 'hub'));
  const tag = nonEmptyString(at(component, 'tag'));
  return { ...(hub !== undefined ? { hub } : {}), ...(tag !== undefined ? { tag } : {}) };
}

/**
 * The proxy image a gateway entry asks for, or undefined when the entry sets neither hub nor tag.
 * The part not set falls back to the merged global.hub / global.tag; the image name is
 * global.proxy.image (default proxyv2; of a full reference only the image name is kept).
 */
export function gatewayProxyImage(entry: unknown, values: unknown): string | undefined {
  const own = componentHubTag(entry);
  if (own.hub === undefined && own.tag === undefined) return undefined;
  const hub = own.hub ?? nonEmptyString(at(values, 'global', 'hub'));
  const tag = own.tag ?? nonEmptyString(at(values, 'global', 'tag'));
  const name = nonEmptyString(at(values, 'global', 'proxy', 'image')) ?? 'proxyv2';
  // A full reference (registry/path/proxyv2:tag) contributes only its image name.
  const base = name.slice(name.lastIndexOf('/') + 1).replace(/:[^:]*$/, '') || 'proxyv2';
  if (hub === undefined || tag === undefined) return undefined;
  return `${hub}/${base}:${tag}`;
}
