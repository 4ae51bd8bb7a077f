import type { IncomingMessage } from 'node:http';
import ipaddr from 'ipaddr.js';
import proxyAddr from 'proxy-addr';

/** Finds the address a request comes from: the socket's, or the first `X-Forwarded-For` hop not a trusted proxy. */
export type CallerAddress = (request: IncomingMessage) => string;

/**
 * Builds the caller-address lookup of `TRUSTED_PROXIES` (addresses, CIDR ranges, or proxy-addr's names `loopback`,
 * `linklocal`, `uniquelocal`). With no trusted proxy, `X-Forwarded-For` is ignored: anyone can write it.
 */
export function createCallerAddress(trustedProxies: readonly string[]): CallerAddress {
  const trust = proxyAddr.compile([...trustedProxies]);
  return (request) => proxyAddr(request, trust);
}

/**
 * The budget key of a caller without credentials. An IPv4 address (IPv4-mapped IPv6 included) is its own key; an
 * IPv6 address is keyed by its /64, the block one subscriber is given, so rotating through it cannot mint budgets.
 */
export function addressBudgetKey(address: string): string {
  if (!ipaddr.isValid(address)) return `address:${address || 'unknown'}`;
  const parsed = ipaddr.process(address);
  if (parsed.kind() === 'ipv4') return `address:${parsed.toString()}`;
  const prefix = (parsed as ipaddr.IPv6).parts.slice(0, 4);
  return `address:${new ipaddr.IPv6([...prefix, 0, 0, 0, 0]).toString()}/64`;
}
