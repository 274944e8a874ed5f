import { describe, expect, it } from 'vitest';
import { CLIENT_ADDRESS_HEADER, clientAddressFrom, proxyTrustFrom, resolveClientAddress } from './client-address';

describe('resolveClientAddress', () => {
  const noProxy = proxyTrustFrom({});

  it('with no trusted proxy, is the socket address whatever X-Forwarded-For says', () => {
    expect(resolveClientAddress('10.0.0.7', undefined, noProxy)).toBe('10.0.0.7');
    expect(resolveClientAddress('10.0.0.7', '1.2.3.4', noProxy)).toBe('10.0.0.7');
    expect(resolveClientAddress('::ffff:10.0.0.7', '1.2.3.4, 5.6.7.8', noProxy)).toBe('10.0.0.7');
  });

  it('with TRUSTED_PROXY_COUNT, believes that many hops from the right and no more', () => {
    const one = proxyTrustFrom({ TRUSTED_PROXY_COUNT: 1 });
    // The proxy (10.0.0.2) appended the client it saw (203.0.113.9) to what the client sent (6.6.6.6).
    expect(resolveClientAddress('10.0.0.2', '6.6.6.6, 203.0.113.9', one)).toBe('203.0.113.9');
    expect(resolveClientAddress('10.0.0.2', undefined, one)).toBe('10.0.0.2');
    expect(resolveClientAddress('10.0.0.2', '6.6.6.6, 203.0.113.9, 10.0.0.1', proxyTrustFrom({ TRUSTED_PROXY_COUNT: 2 }))).toBe('203.0.113.9');
  });

  it('with TRUSTED_PROXIES, walks back through the listed proxies only', () => {
    const listed = proxyTrustFrom({ TRUSTED_PROXIES: ['10.0.0.2', '10.0.0.1'] });
    expect(resolveClientAddress('10.0.0.2', '6.6.6.6, 203.0.113.9, 10.0.0.1', listed)).toBe('203.0.113.9');
    // A request that did not come through a listed proxy: its own header is not believed at all.
    expect(resolveClientAddress('198.51.100.4', '10.0.0.1', listed)).toBe('198.51.100.4');
  });

  it('never returns something that is not an IP address', () => {
    expect(resolveClientAddress('10.0.0.2', "'; drop table x; --", proxyTrustFrom({ TRUSTED_PROXY_COUNT: 1 }))).toBe('unknown');
    expect(resolveClientAddress(undefined, undefined, noProxy)).toBe('unknown');
  });
});

describe('clientAddressFrom', () => {
  it('reads only the header our server sets, never X-Forwarded-For', () => {
    expect(clientAddressFrom(new Headers({ [CLIENT_ADDRESS_HEADER]: '10.0.0.7', 'x-forwarded-for': '1.2.3.4' }))).toBe('10.0.0.7');
    expect(clientAddressFrom({ 'x-forwarded-for': ['9.9.9.9'] })).toBe('unknown');
    expect(clientAddressFrom(new Headers())).toBe('unknown');
    expect(clientAddressFrom(undefined)).toBe('unknown');
  });
});
