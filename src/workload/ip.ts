/**
 * IP address literals as Go's net.ParseIP accepts them (what istioctl checks --workloadIP and
 * --ingressIP with): dotted IPv4 with four decimal octets (no leading zeros, Go 1.17+), or IPv6
 * with `::` compression and an optional trailing dotted IPv4 part. No zones, no brackets, no CIDR.
 */

function isIPv4(s: string): boolean {
  const parts = s.split('.');
  if (parts.length !== 4) return false;
  return parts.every((p) => /^(0|[1-9][0-9]{0,2})$/.test(p) && Number(p) <= 255);
}

function isIPv6(s: string): boolean {
  if (!/^[0-9A-Fa-f:.]+$/.test(s)) return false;
  let groups = 8;
  let body = s;
  const lastColon = s.lastIndexOf(':');
  if (s.includes('.')) {
    if (!isIPv4(s.slice(lastColon + 1))) return false;
    body = s.slice(0, lastColon + 1) + '0';
    groups = 7;
  }
  const halves = body.split('::');
  if (halves.length > 2) return false;
  const count = (h: string): number | undefined => {
    if (h === '') return 0;
    const g = h.split(':');
    return g.every((x) => /^[0-9A-Fa-f]{1,4}$/.test(x)) ? g.length : undefined;
  };
  if (halves.length === 1) return count(halves[0] as string) === groups;
  const a = count(halves[0] as string);
  const b = count(halves[1] as string);
  return a !== undefined && b !== undefined && a + b < groups;
}

/** Whether `s` is an IPv4 or IPv6 address literal. */
export function isIP(s: string): boolean {
  return s.includes(':') ? isIPv6(s) : isIPv4(s);
}
