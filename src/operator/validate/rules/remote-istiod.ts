/**
 * A cluster served by an istiod elsewhere (components.istiodRemote enabled, no local Pilot):
 * where its webhooks and proxies reach that istiod (warnings; facts §6, contract B).
 *  - external-istiod shape (global.externalIstiod not false; the remote profile's false is
 *    checked by composition): with no global.remotePilotAddress and no injection URL, no istiod
 *    Service is rendered here and the injection webhook, which then targets Service istiod,
 *    reaches nothing.
 *  - remotePilotAddress a host name while the webhooks go through Service istiod[-<rev>] (no
 *    injection URL): that Service is an ExternalName, which does not map ports, so webhook calls
 *    go to port 443 of the host instead of istiod's webhook port 15017.
 *  - global.configCluster true without IstiodRemote: only the istiod-remote chart reads it.
 */
import type { Issue } from '../../issues.js';
import { at, scalarText } from '../data.js';
import { componentEnabled, effectiveValues, valuePointer } from './effective-values.js';
import { issueAt, type Rule, type RuleContext } from './rule.js';

const OCTET = '(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])';
const IPV4 = new RegExp(`^(${OCTET}\\.){3}${OCTET}$`);
const IPV6 = /^[0-9A-Fa-f.]*:[0-9A-Fa-f:.]*$/;

/** An IP literal, as the base chart's `base.remoteAddressKind` decides (it renders Endpoints for one). */
export function isIpLiteral(address: string): boolean {
  return IPV4.test(address) || IPV6.test(address);
}

/** The injection webhook's URL, when one is set (istiodRemote.injectionURL, else the older sidecarInjectorWebhook.injectionURL). */
function injectionURL(values: unknown): string {
  return scalarText(at(values, 'istiodRemote', 'injectionURL')) || scalarText(at(values, 'sidecarInjectorWebhook', 'injectionURL'));
}

function servedElsewhere(ctx: RuleContext, values: unknown): Issue[] {
  const out: Issue[] = [];
  const address = scalarText(at(values, 'global', 'remotePilotAddress'));
  const url = injectionURL(values);
  const where = valuePointer(ctx.doc, 'global', 'remotePilotAddress');
  if (address === '' && url === '' && at(values, 'global', 'externalIstiod') !== false) {
    out.push(issueAt(ctx, where, 'remote-istiod-unreachable', 'this cluster has no address of the istiod serving it: without values.global.remotePilotAddress no istiod Service is rendered here, so the injection webhook (Service istiod) and the proxies have nothing to reach', {
      severity: 'warning',
      suggestion: "set values.global.remotePilotAddress to the external istiod's address (an IP gives a Service with Endpoints), or point the webhook at it with values.istiodRemote.injectionURL",
    }));
  }
  if (address !== '' && !isIpLiteral(address) && url === '') {
    const path = scalarText(at(values, 'istiodRemote', 'injectionPath')) || '/inject';
    const validation = at(values, 'global', 'configCluster') === true && scalarText(at(values, 'base', 'validationURL')) === '' ? ` and values.base.validationURL=https://${address}:15017/validate` : '';
    out.push(issueAt(ctx, where, 'remote-istiod-webhook-port', `${JSON.stringify(address)} is a host name, so the istiod Service here is an ExternalName, which cannot map ports: webhook calls to it go to port 443 of ${address}, not to istiod's webhook port 15017`, {
      severity: 'warning',
      suggestion: `set values.istiodRemote.injectionURL=https://${address}:15017${path}${validation}`,
    }));
  }
  return out;
}

export const remoteIstiodRule: Rule = {
  name: 'remote-istiod',
  fatal: false,
  check(ctx) {
    const values = effectiveValues(ctx.doc);
    if (componentEnabled(ctx.doc, 'istiodRemote')) return componentEnabled(ctx.doc, 'pilot') ? [] : servedElsewhere(ctx, values);
    if (at(values, 'global', 'configCluster') !== true || at(ctx.doc, 'spec', 'components', 'istiodRemote', 'enabled') !== false) return [];
    return [issueAt(ctx, valuePointer(ctx.doc, 'global', 'configCluster'), 'config-cluster-ignored', 'only the istiod-remote chart reads values.global.configCluster, and components.istiodRemote is not enabled, so it changes nothing', {
      severity: 'warning',
      suggestion: 'install a config cluster with the external profile, which enables components.istiodRemote',
    })];
  },
};
