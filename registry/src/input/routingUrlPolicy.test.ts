import { describe, expect, it } from 'vitest';
import { defaultRoutingUrlPolicy, findRoutingUrlProblem, type RoutingUrlPolicy } from './routingUrlPolicy';

const check = (url: string, policy: Partial<RoutingUrlPolicy> = {}) =>
  findRoutingUrlProblem(url, { ...defaultRoutingUrlPolicy, ...policy });

describe('findRoutingUrlProblem', () => {
  it('accepts plain http(s) URLs of ordinary hosts', () => {
    expect(check('http://orders.internal:4001/graphql')).toBeUndefined();
    expect(check('https://10.0.0.7/graphql')).toBeUndefined();
    expect(check('http://[2001:db8::1]:4001/graphql')).toBeUndefined();
  });

  it.each([
    ['ftp://orders.internal/graphql', /not an http\(s\) URL/],
    ['file:///etc/passwd', /not an http\(s\) URL/],
    ['orders.internal/graphql', /not an absolute URL/],
    ['http://user:secret@orders.internal/graphql', /credentials/],
    ['http://user@orders.internal/graphql', /credentials/],
    ['http://orders.internal/graphql\r\nX-Injected: 1', /control characters/],
    ['http://orders.internal/gra\tphql', /control characters/],
    ['http://orders.internal/\u0000', /control characters/],
  ])('refuses %j', (url, message) => {
    expect(check(url)).toMatch(message);
  });

  it.each([
    'http://169.254.169.254/latest/meta-data/',
    'http://169.254.0.1/graphql',
    'http://2852039166/latest/meta-data/', // 169.254.169.254 as one number
    'http://0xa9.0xfe.0xa9.0xfe/',
    'http://[fe80::1]/graphql',
    'http://[febf::1]/graphql',
    'http://[::ffff:169.254.169.254]/graphql',
    'http://[fd00:ec2::254]/latest/meta-data/',
    'http://metadata.google.internal/computeMetadata/v1/',
    'http://METADATA.GOOGLE.INTERNAL./computeMetadata/v1/',
    'http://100.100.100.200/latest/meta-data/',
  ])('refuses the link-local or metadata address %s by default', (url) => {
    expect(check(url)).toMatch(/link-local or a cloud metadata service.*ROUTING_URL_ALLOW_LINK_LOCAL/);
  });

  it('allows link-local addresses only with ROUTING_URL_ALLOW_LINK_LOCAL', () => {
    expect(check('http://169.254.10.2/graphql', { allowLinkLocal: true })).toBeUndefined();
    expect(check('http://[fec0::1]/graphql')).toBeUndefined(); // just past fe80::/10
  });

  it('refuses URLs over ROUTING_URL_MAX_LENGTH', () => {
    const url = `http://orders.internal/${'a'.repeat(100)}`;
    expect(check(url, { maxLength: 50 })).toMatch(/over the limit of 50 \(ROUTING_URL_MAX_LENGTH\)/);
    expect(check(url, { maxLength: url.length })).toBeUndefined();
  });

  it('restricts hosts to ROUTING_URL_ALLOWED_HOSTS when it is set', () => {
    const allowedHosts = ['orders.internal', '*.svc.cluster.local', '10.0.0.7'];
    expect(check('http://orders.internal/graphql', { allowedHosts })).toBeUndefined();
    expect(check('http://catalog.shop.svc.cluster.local/graphql', { allowedHosts })).toBeUndefined();
    expect(check('http://10.0.0.7:4001/graphql', { allowedHosts })).toBeUndefined();
    expect(check('http://svc.cluster.local/graphql', { allowedHosts })).toMatch(/not allowed here/);
    expect(check('http://evil.example/graphql', { allowedHosts })).toMatch(
      /host evil\.example is not allowed here; allowed hosts: orders\.internal, \*\.svc\.cluster\.local, 10\.0\.0\.7 \(ROUTING_URL_ALLOWED_HOSTS\)/,
    );
    expect(check('http://orders.internal.evil.example/graphql', { allowedHosts })).toMatch(/not allowed here/);
  });
});
