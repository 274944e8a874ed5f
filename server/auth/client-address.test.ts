import { describe, expect, it } from 'vitest';
import { clientAddressFrom } from './client-address';

describe('clientAddressFrom', () => {
  it('takes the entry our own server appended, not one the client chose', () => {
    expect(clientAddressFrom(new Headers({ 'x-forwarded-for': '1.2.3.4, 10.0.0.7' }))).toBe('10.0.0.7');
    expect(clientAddressFrom({ 'x-forwarded-for': ['9.9.9.9', '127.0.0.1'] })).toBe('127.0.0.1');
  });
  it('says unknown when there is nothing', () => {
    expect(clientAddressFrom(new Headers())).toBe('unknown');
    expect(clientAddressFrom(undefined)).toBe('unknown');
  });
});
