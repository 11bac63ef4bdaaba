/**
 * The image-reference, tag and name formats Istio checks (operator/pkg/validate/common.go),
 * compiled with re2js so matching is linear in the input whatever it holds.
 */
import { RE2JS } from 're2js';

const alnum = '[a-z0-9]+';
const separator = '(?:[._]|__|[-]*)';
const nameComponent = `${alnum}(?:${separator}${alnum})*`;
const domainComponent = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const domain = `${domainComponent}(?:\\.${domainComponent})*(?::[0-9]+)?`;
const tag = '[\\w][\\w.-]{0,127}';
const digest = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}';
const name = `(?:${domain}/)?${nameComponent}(?:/${nameComponent})*`;

const REFERENCE = RE2JS.compile(`^${name}(?::${tag})?(?:@${digest})?$`);
const TAG = RE2JS.compile(`^${tag}$`);
const OBJECT_NAME = RE2JS.compile('^[a-z0-9.-]{1,254}$');
const DNS1123_LABEL = RE2JS.compile('^[a-z0-9](?:[-a-z0-9]*[a-z0-9])?$');

/** A docker image reference (what `hub` must be). */
export function isImageReference(s: string): boolean {
  return s.length <= 4096 && REFERENCE.matches(s);
}

/** `[\w][\w.-]{0,127}`: a docker tag. */
export function isTag(s: string): boolean {
  return TAG.matches(s);
}

/** `[a-z0-9.-]{1,254}`: what Istio accepts as a gateway name. */
export function isObjectName(s: string): boolean {
  return OBJECT_NAME.matches(s);
}

/** A DNS-1123 label: lower-case alphanumerics and '-', starting and ending alphanumeric, at most 63. */
export function isDns1123Label(s: string): boolean {
  return s.length <= 63 && DNS1123_LABEL.matches(s);
}

/**
 * The longest revision: istiod's Service is named istiod-<revision>, and a Service name is a
 * DNS-1035 label of at most 63 characters.
 */
export const MAX_REVISION_LENGTH = 63 - 'istiod-'.length;

/** Why `rev` cannot be a revision (empty means the default revision and is fine), or undefined. */
export function revisionProblem(rev: string): string | undefined {
  if (rev === '') return undefined;
  if (!isDns1123Label(rev)) return `${JSON.stringify(rev)} is not a valid revision: expected a DNS-1123 label (lower-case letters, digits and "-", starting and ending with a letter or digit, at most ${MAX_REVISION_LENGTH} characters)`;
  if (rev.length > MAX_REVISION_LENGTH) return `${JSON.stringify(rev)} is too long for a revision (${rev.length} characters): at most ${MAX_REVISION_LENGTH}, since the Service istiod-<revision> must be a DNS label of at most 63 characters`;
  return undefined;
}
