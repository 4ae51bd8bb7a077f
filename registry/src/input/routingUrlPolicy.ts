import { BlockList, isIP } from 'node:net';

/** What routing URLs a publish or check may set. */
export interface RoutingUrlPolicy {
  /** Longest routing URL, in characters (ROUTING_URL_MAX_LENGTH). Default 2048. */
  maxLength: number;
  /**
   * Host patterns routing URLs must match (ROUTING_URL_ALLOWED_HOSTS): `orders.internal`, `*.svc.cluster.local`
   * (any subdomain), `10.0.0.7`. Empty allows every host that is not link-local or a cloud metadata service.
   */
  allowedHosts: readonly string[];
  /** Allow link-local addresses and cloud metadata hosts (ROUTING_URL_ALLOW_LINK_LOCAL). Default false. */
  allowLinkLocal: boolean;
}

/** The policy when no setting is given: 2048 characters, any host but link-local and metadata ones. */
export const defaultRoutingUrlPolicy: RoutingUrlPolicy = { maxLength: 2048, allowedHosts: [], allowLinkLocal: false };

/** Hostnames of cloud metadata services (GCP, Azure, AWS, OpenStack, Alibaba, Oracle). */
const metadataHostnames = new Set([
  'metadata',
  'metadata.google.internal',
  'metadata.goog',
  'metadata.azure.com',
  'instance-data',
  'instance-data.ec2.internal',
  'metadata.tencentyun.com',
  'metadata.platformequinix.com',
]);

const linkLocal = new BlockList();
linkLocal.addSubnet('169.254.0.0', 16, 'ipv4');
linkLocal.addSubnet('fe80::', 10, 'ipv6');
// Metadata services outside the link-local ranges: AWS over IPv6, Alibaba Cloud.
linkLocal.addAddress('fd00:ec2::254', 'ipv6');
linkLocal.addAddress('100.100.100.200', 'ipv4');

/** Whether `value` holds a control character (C0, DEL or C1). */
export function hasControlCharacter(value: string): boolean {
  for (let index = 0; index < value.length; index++) {
    const code = value.charCodeAt(index);
    if (code < 0x20 || (code >= 0x7f && code <= 0x9f)) return true;
  }
  return false;
}

/** The IPv4 address an IPv4-mapped IPv6 address (`::ffff:a9fe:a9fe`, as the URL parser prints it) stands for. */
function mappedIpv4(address: string): string | undefined {
  const match = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(address);
  if (!match) return undefined;
  const high = Number.parseInt(match[1] ?? '0', 16);
  const low = Number.parseInt(match[2] ?? '0', 16);
  return [high >> 8, high & 255, low >> 8, low & 255].join('.');
}

/** Whether a hostname or address is link-local or a cloud metadata service (refused unless allowed). */
export function isLinkLocalOrMetadata(hostname: string): boolean {
  const host = hostname
    .replace(/^\[|\]$/g, '')
    .replace(/\.$/, '')
    .toLowerCase();
  if (metadataHostnames.has(host)) return true;
  const family = isIP(host);
  if (family === 4) return linkLocal.check(host, 'ipv4');
  if (family === 6) {
    const mapped = mappedIpv4(host);
    return mapped ? linkLocal.check(mapped, 'ipv4') : linkLocal.check(host, 'ipv6');
  }
  return false;
}

function matchesHostPattern(hostname: string, pattern: string): boolean {
  const host = hostname
    .replace(/^\[|\]$/g, '')
    .replace(/\.$/, '')
    .toLowerCase();
  const wanted = pattern.trim().toLowerCase();
  if (wanted.startsWith('*.')) return host.endsWith(wanted.slice(1)) && host.length > wanted.length - 1;
  return host === wanted.replace(/^\[|\]$/g, '');
}

/** What a URL checked by `findRoutingUrlProblem` is called in its messages, and the settings that govern it. */
export interface UrlSubject {
  /** `routing URL`, `webhook URL`. */
  noun: string;
  /** Advice when the URL carries `user:password@`. */
  credentialsAdvice: string;
  settings: { maxLength: string; allowedHosts: string; allowLinkLocal?: string };
}

const routingUrlSubject: UrlSubject = {
  noun: 'routing URL',
  credentialsAdvice: 'give the subgraph its credentials another way',
  settings: {
    maxLength: 'ROUTING_URL_MAX_LENGTH',
    allowedHosts: 'ROUTING_URL_ALLOWED_HOSTS',
    allowLinkLocal: 'ROUTING_URL_ALLOW_LINK_LOCAL',
  },
};

/**
 * Why `value` is not an acceptable routing URL under `policy`, or `undefined` when it is. Webhook URLs go through
 * the same rules, named as `subject` says.
 */
export function findRoutingUrlProblem(
  value: string,
  policy: RoutingUrlPolicy,
  subject: UrlSubject = routingUrlSubject,
): string | undefined {
  const { noun, settings } = subject;
  const The = `The ${noun}`;
  if (value.length > policy.maxLength) {
    return `${The} is ${value.length} characters long, over the limit of ${policy.maxLength} (${settings.maxLength}).`;
  }
  // The WHATWG parser silently drops tabs and newlines, so look before parsing.
  if (hasControlCharacter(value)) return `${The} contains control characters (such as CR, LF or NUL).`;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `${The} ${JSON.stringify(value)} is not an absolute URL.`;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return `${The} ${JSON.stringify(value)} is not an http(s) URL.`;
  }
  if (url.username !== '' || url.password !== '') {
    return `${The} contains credentials (user:password@); ${subject.credentialsAdvice}.`;
  }
  if (!policy.allowLinkLocal && isLinkLocalOrMetadata(url.hostname)) {
    const setting = settings.allowLinkLocal ? ` (${settings.allowLinkLocal})` : '';
    return `${The}'s host ${url.hostname} is link-local or a cloud metadata service; it is refused${setting}.`;
  }
  if (
    policy.allowedHosts.length > 0 &&
    !policy.allowedHosts.some((pattern) => matchesHostPattern(url.hostname, pattern))
  ) {
    return `${The}'s host ${url.hostname} is not allowed here; allowed hosts: ${policy.allowedHosts.join(', ')} (${settings.allowedHosts}).`;
  }
  return undefined;
}
