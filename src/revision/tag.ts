/**
 * `tag generate` as a library (issue 7, facts §5.3/§5.4): the objects that point a revision tag at
 * a control plane revision, ready for `kubectl apply -f -`.
 *
 * - Every tag: the MutatingWebhookConfiguration `istio-revision-tag-<tag>` exactly as the istiod
 *   chart's revision-tags.yaml renders it for the installation (render() with
 *   values.revisionTags=[tag] and the revision), renamed by `webhookName`.
 * - Tag `default` (the 1.12 behaviour, which fixes 1.11's overlap): also the ValidatingWebhookConfiguration
 *   `istiod-default-validator` (base chart, values.defaultRevision=<revision>) and the previous
 *   default injector (MutatingWebhookConfiguration labelled istio.io/rev=default without
 *   istio.io/tag) with every webhook's namespaceSelector and objectSelector replaced by
 *   `matchLabels: {istio.io/deactivated: never-match}`: kubectl apply keeps the object (istiod still
 *   finds its canonical webhook) but it matches no pod, so the default tag and a revision-less
 *   istiod never both inject.
 * - With a cluster snapshot (`clusterState`): istioctl 1.11's checks (a tag named like an existing
 *   revision; an existing tag without `overwrite`; exactly one canonical webhook of the revision),
 *   caBundle and URL copied from the canonical webhook (and from the revision's validator for
 *   istiod-default-validator), the previous default injector taken from the snapshot, and a
 *   warning when any namespace or pod of the snapshot would then match more than one webhook.
 *   Without a snapshot the previous default injector is the one this installation renders for the
 *   revision-less istiod (a warning says so).
 */
import { deepCopy, isPlainObject, toGoValue } from '../manifest/generate/plain.js';
import type { RenderInput } from '../manifest/generate/types.js';
import { safeRender } from '../manifest/index.js';
import { IstioOperatorError, type Issue } from '../operator/issues.js';
import { marshalYaml } from '../yaml/index.js';
import type { ClusterState } from './cluster-state.js';
import { matchingWebhooks, type AdmissionTarget } from './selector.js';
import { type KubeObject, labelOf, type Labels, labelsOf, REV_LABEL, TAG_LABEL } from './types.js';

export interface TagGenerateInput {
  readonly tag: string;
  /** The revision the tag points at; "default" or "" is the revision-less istiod. */
  readonly revision: string;
  /** The installation (-f IOP, --set, profile); the default profile when absent. Its revision is replaced. */
  readonly render?: Omit<RenderInput, 'revision'>;
  /** metadata.name of the tag's MutatingWebhookConfiguration instead of istio-revision-tag-<tag>. */
  readonly webhookName?: string;
  /** Replace an existing tag (and allow a tag named like an existing revision). */
  readonly overwrite?: boolean;
  /** A snapshot of the cluster: enables the checks and copies caBundle/URL (see the module comment). */
  readonly clusterState?: ClusterState;
}

export interface TagGenerateOutput {
  /** In apply order: the tag's MWC, then for `default` istiod-default-validator and the deactivated previous default injector. */
  readonly objects: readonly KubeObject[];
  /** The objects as YAML documents (`---` before each). */
  readonly yaml: string;
  readonly warnings: readonly Issue[];
}

export type SafeTagGenerateResult = { readonly success: true; readonly data: TagGenerateOutput } | { readonly success: false; readonly issues: readonly Issue[] };

export const DEACTIVATED_SELECTOR: Readonly<{ matchLabels: Labels }> = { matchLabels: { 'istio.io/deactivated': 'never-match' } };
const INJECTOR_SUFFIX = 'sidecar-injector.istio.io';
const VALIDATOR_SUFFIX = 'validation.istio.io';

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

function error(code: string, path: string, message: string, suggestion?: string): Issue {
  return { severity: 'error', code, path, message, ...(suggestion !== undefined ? { suggestion } : {}) };
}

function warning(code: string, message: string, suggestion?: string): Issue {
  return { severity: 'warning', code, path: '', message, ...(suggestion !== undefined ? { suggestion } : {}) };
}

/** Generates the tag's objects; throws IstioOperatorError listing the problems. */
export function generateTag(input: TagGenerateInput): TagGenerateOutput {
  const r = safeGenerateTag(input);
  if (!r.success) throw new IstioOperatorError(r.issues);
  return r.data;
}

/** Generates the tag's objects; problems are data. Never throws. */
export function safeGenerateTag(input: TagGenerateInput): SafeTagGenerateResult {
  try {
    return generate(input);
  } catch (e) {
    const message = e instanceof RangeError ? 'the input nests too deeply' : `internal error: ${e instanceof Error ? e.message : String(e)}`;
    return { success: false, issues: [error('internal-error', '', message)] };
  }
}

function checkNames(input: TagGenerateInput): Issue[] {
  const issues: Issue[] = [];
  const { tag, revision, webhookName } = input;
  if (typeof tag !== 'string' || !DNS_LABEL.test(tag) || tag.length > 63) {
    issues.push(
      error('tag-invalid-name', 'tag', `${JSON.stringify(tag)} is not a valid revision tag`, 'lowercase letters, digits and "-", starting and ending with a letter or digit, at most 63 characters'),
    );
  }
  if (typeof revision !== 'string' || (revision !== '' && (!DNS_LABEL.test(revision) || revision.length > 63))) {
    issues.push(
      error('tag-invalid-revision', 'revision', `${JSON.stringify(revision)} is not a valid revision`, 'lowercase letters, digits and "-"; "default" is the revision-less control plane'),
    );
  }
  if (webhookName !== undefined && (typeof webhookName !== 'string' || !DNS_SUBDOMAIN.test(webhookName) || webhookName.length > 253)) {
    issues.push(error('tag-invalid-webhook-name', 'webhookName', `${JSON.stringify(webhookName)} is not a valid object name`, 'a DNS subdomain: lowercase letters, digits, "-" and "."'));
  }
  return issues;
}

/** The canonical and tag webhook configurations of a snapshot, and the checks istioctl 1.11 makes on them. */
interface SnapshotFacts {
  readonly canonical?: KubeObject;
  readonly validator?: KubeObject;
  readonly previousDefault: readonly KubeObject[];
  readonly warnings: readonly Issue[];
}

/** Revision-labelled, untagged: a control plane's own webhook configuration. */
function isCanonical(o: KubeObject, revLabel: string): boolean {
  return labelOf(o, REV_LABEL) === revLabel && labelOf(o, TAG_LABEL) === undefined;
}

function checkSnapshot(state: ClusterState, tag: string, revLabel: string, overwrite: boolean): { ok: true; facts: SnapshotFacts } | { ok: false; issues: Issue[] } {
  const mwcs = state.ofKind('MutatingWebhookConfiguration');
  const issues: Issue[] = [];
  const warnings: Issue[] = [];
  const src = `in ${state.file}`;
  if (tag !== 'default' && !overwrite && mwcs.some((o) => isCanonical(o, tag))) {
    issues.push(error('tag-revision-conflict', 'tag', `cannot create revision tag ${JSON.stringify(tag)}: found existing control plane revision with same name (${src})`, 'choose another tag name, or pass --overwrite'));
  }
  const canonical = mwcs.filter((o) => isCanonical(o, revLabel));
  if (canonical.length === 0) {
    issues.push(error('tag-no-canonical-webhook', 'revision', `cannot modify tag: cannot find MutatingWebhookConfiguration with revision ${JSON.stringify(revLabel)} (${src})`, 'install that revision first, or check --revision'));
  } else if (canonical.length > 1) {
    issues.push(
      error('tag-multiple-canonical-webhooks', 'revision', `cannot modify tag: found multiple canonical webhooks with revision ${JSON.stringify(revLabel)}: ${canonical.map((o) => o.metadata.name).join(', ')} (${src})`),
    );
  } else if (!webhooksOf(canonical[0] as KubeObject).some((w) => typeof w.name === 'string' && w.name.endsWith(INJECTOR_SUFFIX))) {
    issues.push(error('tag-no-canonical-webhook', 'revision', `MutatingWebhookConfiguration ${(canonical[0] as KubeObject).metadata.name} has no webhook named *.${INJECTOR_SUFFIX} (${src})`));
  }
  const existing = mwcs.filter((o) => labelOf(o, TAG_LABEL) === tag);
  if (existing.length > 0 && !overwrite) {
    issues.push(error('tag-exists', 'tag', `revision tag ${JSON.stringify(tag)} already exists, and --overwrite is false (${src}: ${existing.map((o) => o.metadata.name).join(', ')})`, 'pass --overwrite to point it at another revision'));
  }
  if (issues.length > 0) return { ok: false, issues };
  const vwcs = state.ofKind('ValidatingWebhookConfiguration');
  const validator = vwcs.find((o) => isCanonical(o, revLabel) && webhooksOf(o).some((w) => typeof w.name === 'string' && w.name.endsWith(VALIDATOR_SUFFIX)));
  if (tag === 'default') {
    if (validator === undefined) warnings.push(warning('tag-no-validator', `no ValidatingWebhookConfiguration of revision ${JSON.stringify(revLabel)} in ${state.file}: istiod-default-validator keeps an empty caBundle until istiod patches it`));
    for (const o of vwcs) {
      if (labelOf(o, 'app') === 'istiod' && !o.metadata.name.includes('validator')) {
        warnings.push(
          warning('tag-old-default-validator', `ValidatingWebhookConfiguration ${o.metadata.name} (an older default validator) still validates resources without istio.io/rev`, `after applying, delete it: kubectl delete validatingwebhookconfiguration ${o.metadata.name}`),
        );
      }
    }
  }
  return { ok: true, facts: { canonical: canonical[0], validator, previousDefault: mwcs.filter((o) => isCanonical(o, 'default')), warnings } };
}

function webhooksOf(o: KubeObject): Record<string, unknown>[] {
  const w: unknown = o.webhooks;
  return Array.isArray(w) ? w.filter(isPlainObject) : [];
}

/** caBundle and URL of the first webhook whose name ends with `suffix`. */
function clientOf(o: KubeObject | undefined, suffix: string): { caBundle?: string; url?: string } {
  if (o === undefined) return {};
  const w = webhooksOf(o).find((x) => typeof x.name === 'string' && x.name.endsWith(suffix));
  const cc = w !== undefined && isPlainObject(w.clientConfig) ? w.clientConfig : {};
  return {
    ...(typeof cc.caBundle === 'string' && cc.caBundle !== '' ? { caBundle: cc.caBundle } : {}),
    ...(typeof cc.url === 'string' && cc.url !== '' ? { url: cc.url } : {}),
  };
}

/** An IstioOperator layered after the user's files: the chart values tag generation needs. */
function overlayFile(values: Record<string, unknown>): { name: string; text: string } {
  return { name: '<tag generate>', text: JSON.stringify({ apiVersion: 'install.istio.io/v1alpha1', kind: 'IstioOperator', spec: { values } }) };
}

function asKubeObject(o: Readonly<Record<string, unknown>>): KubeObject {
  return deepCopy(o) as KubeObject;
}

function renderObjects(input: TagGenerateInput, revision: string, components: string[], values: Record<string, unknown>): { ok: true; objects: KubeObject[]; warnings: readonly Issue[] } | { ok: false; issues: readonly Issue[] } {
  const base = input.render ?? {};
  const r = safeRender({ ...base, files: [...(base.files ?? []), overlayFile(values)], revision, components });
  if (!r.success) return { ok: false, issues: r.issues };
  // Pilot or IstiodRemote is enabled, not both: the other one's "not enabled" note is noise here.
  const warnings = r.data.warnings.filter((w) => w.code !== 'component-not-enabled');
  return { ok: true, objects: r.data.objects.map((o) => asKubeObject(o.object)), warnings };
}

/** The object with every webhook's selectors replaced by never-match, server-set metadata left out. */
export function deactivated(o: KubeObject): KubeObject {
  const meta: Record<string, unknown> = { name: o.metadata.name };
  const labels = labelsOf(o);
  if (Object.keys(labels).length > 0) meta.labels = deepCopy(labels);
  const annotations: unknown = o.metadata.annotations;
  if (isPlainObject(annotations)) {
    const kept = Object.entries(annotations).filter(([k]) => k !== 'kubectl.kubernetes.io/last-applied-configuration');
    if (kept.length > 0) meta.annotations = Object.fromEntries(kept);
  }
  const webhooks = webhooksOf(o).map((w) => ({ ...(deepCopy(w) as Record<string, unknown>), namespaceSelector: deepCopy(DEACTIVATED_SELECTOR), objectSelector: deepCopy(DEACTIVATED_SELECTOR) }));
  return { apiVersion: o.apiVersion, kind: o.kind, metadata: meta as KubeObject['metadata'], webhooks };
}

function withClient(o: KubeObject, client: { caBundle?: string }, name?: string): KubeObject {
  const copy = deepCopy(o) as Record<string, unknown> & KubeObject;
  if (client.caBundle !== undefined) {
    for (const w of webhooksOf(copy)) if (isPlainObject(w.clientConfig)) w.clientConfig.caBundle = client.caBundle;
  }
  if (name !== undefined) return { ...copy, metadata: { ...copy.metadata, name } };
  return copy;
}

function generate(input: TagGenerateInput): SafeTagGenerateResult {
  const names = checkNames(input);
  if (names.length > 0) return { success: false, issues: names };
  const tag = input.tag;
  const revision = input.revision === 'default' ? '' : input.revision;
  const revLabel = revision === '' ? 'default' : revision;
  const isDefault = tag === 'default';
  const warnings: Issue[] = [];

  let facts: SnapshotFacts | undefined;
  if (input.clusterState !== undefined) {
    const c = checkSnapshot(input.clusterState, tag, revLabel, input.overwrite === true);
    if (!c.ok) return { success: false, issues: c.issues };
    facts = c.facts;
    warnings.push(...facts.warnings);
  }
  const injector = clientOf(facts?.canonical, INJECTOR_SUFFIX);
  const validator = clientOf(facts?.validator, VALIDATOR_SUFFIX);

  const values: Record<string, unknown> = { revisionTags: [tag] };
  if (injector.url !== undefined) values.istiodRemote = { injectionURL: injector.url };
  if (isDefault) {
    values.defaultRevision = revLabel;
    if (validator.url !== undefined) values.base = { validationURL: validator.url };
  }
  const rendered = renderObjects(input, revision, isDefault ? ['Base', 'Pilot', 'IstiodRemote'] : ['Pilot', 'IstiodRemote'], values);
  if (!rendered.ok) return { success: false, issues: rendered.issues };
  warnings.push(...rendered.warnings);

  const tagObject = rendered.objects.find((o) => o.kind === 'MutatingWebhookConfiguration' && labelOf(o, TAG_LABEL) === tag);
  if (tagObject === undefined) {
    return {
      success: false,
      issues: [
        error(
          'tag-not-rendered',
          'values.revisionTags',
          `the installation renders no MutatingWebhookConfiguration for tag ${JSON.stringify(tag)}`,
          'enable istiod (components.pilot) or istiod-remote, and leave values.revisionTags out of the IstioOperator',
        ),
      ],
    };
  }
  const objects: KubeObject[] = [withClient(tagObject, injector, input.webhookName)];

  if (isDefault) {
    const vwc = rendered.objects.find((o) => o.kind === 'ValidatingWebhookConfiguration' && o.metadata.name === 'istiod-default-validator');
    if (vwc !== undefined) objects.push(withClient(vwc, validator));
    else warnings.push(warning('tag-no-default-validator', 'the installation renders no istiod-default-validator (values.global.configValidation is off, or Base is disabled)'));
    const previous = facts !== undefined ? facts.previousDefault : renderedDefaultInjector(input, warnings);
    if (previous === undefined) return { success: false, issues: warnings.filter((w) => w.severity === 'error') };
    const replaced = new Set(objects.map((o) => o.metadata.name));
    for (const p of previous) if (!replaced.has(p.metadata.name)) objects.push(deactivated(p));
  }
  if (input.clusterState !== undefined) warnings.push(...overlapWarnings(input.clusterState, objects, tag));

  const yaml = objects.map((o) => `---\n${marshalYaml(toGoValue(o))}`).join('');
  return { success: true, data: { objects, yaml, warnings } };
}

/** Without a snapshot: the revision-less istiod's injector as this installation renders it. */
function renderedDefaultInjector(input: TagGenerateInput, warnings: Issue[]): KubeObject[] | undefined {
  const r = renderObjects(input, '', ['Pilot', 'IstiodRemote'], {});
  if (!r.ok) {
    warnings.push(...r.issues);
    return undefined;
  }
  const found = r.objects.filter((o) => o.kind === 'MutatingWebhookConfiguration' && isCanonical(o, 'default'));
  if (found.length > 0) {
    warnings.push(
      warning(
        'tag-default-deactivation-assumed',
        `without a cluster state, the previous default injector is assumed to be ${found.map((o) => o.metadata.name).join(', ')} as this installation renders it for the revision-less istiod`,
        'pass --cluster-state to deactivate the one the cluster has',
      ),
    );
  }
  return found;
}

/**
 * Namespaces and pods of the snapshot (plus a namespace labelled with the tag) that would match
 * more than one injection webhook once the objects are applied: one warning each.
 */
function overlapWarnings(state: ClusterState, objects: readonly KubeObject[], tag: string): Issue[] {
  const replaced = new Set(objects.filter((o) => o.kind === 'MutatingWebhookConfiguration').map((o) => o.metadata.name));
  const configs = [...state.ofKind('MutatingWebhookConfiguration').filter((o) => !replaced.has(o.metadata.name)), ...objects];
  const targets: { what: string; target: AdmissionTarget }[] = [];
  const podLabelSets: Labels[] = [{}, { 'sidecar.istio.io/inject': 'true' }, { [REV_LABEL]: tag }];
  const namespaces = state.ofKind('Namespace').map((n) => ({ name: n.metadata.name, labels: labelsOf(n) }));
  namespaces.push({ name: `<a namespace labelled istio.io/rev=${tag}>`, labels: { [REV_LABEL]: tag } });
  for (const ns of namespaces) for (const pod of podLabelSets) targets.push({ what: `namespace ${ns.name}, pod labels ${JSON.stringify(pod)}`, target: { namespace: ns, pod: { labels: pod } } });
  for (const p of state.ofKind('Pod')) {
    const ns = p.metadata.namespace ?? 'default';
    targets.push({ what: `pod ${ns}/${p.metadata.name}`, target: { namespace: { name: ns, labels: state.namespaceLabels(ns) ?? {} }, pod: { labels: labelsOf(p) } } });
  }
  const out: Issue[] = [];
  for (const t of targets) {
    const hits = matchingWebhooks(configs, t.target).filter((h) => h.webhook.endsWith(INJECTOR_SUFFIX));
    if (hits.length > 1) {
      out.push(warning('tag-overlap', `${t.what} would be injected by ${hits.length} webhooks: ${hits.map((h) => `${h.configuration}/${h.webhook}`).join(', ')}`, 'remove or deactivate one of them'));
      if (out.length >= 20) break;
    }
  }
  return out;
}
