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
