import { describe, expect, it } from 'vitest';
import { allowedOrigins } from './allowed-origins';

describe('allowedOrigins', () => {
  it('accepts the public URL and the loopback names of a loopback bind, on the bound port only', () => {
    const origins = allowedOrigins({ publicUrl: 'http://localhost:3000', host: '127.0.0.1', port: 3000 });
    expect([...origins].sort()).toEqual(['http://127.0.0.1:3000', 'http://[::1]:3000', 'http://localhost:3000']);
    expect(origins.has('http://127.0.0.1:3001')).toBe(false);
    expect(origins.has('https://127.0.0.1:3000')).toBe(false);
  });

  it('behind a proxy: the public https origin, and the bind address for direct local use', () => {
    const origins = allowedOrigins({ publicUrl: 'https://clinic.example.lu/', host: '0.0.0.0', port: 8080 });
    expect(origins.has('https://clinic.example.lu')).toBe(true);
    expect(origins.has('http://localhost:8080')).toBe(true);
    expect(origins.has('http://clinic.example.lu')).toBe(false);
    expect(origins.has('http://10.1.2.3:8080')).toBe(false);
  });

  it('a bind to one named address accepts that address', () => {
    expect([...allowedOrigins({ publicUrl: 'http://localhost:3000', host: '10.0.0.5', port: 3000 })]).toEqual(['http://localhost:3000', 'http://10.0.0.5:3000']);
    expect(allowedOrigins({ publicUrl: 'http://localhost:3000', host: 'fd00::5', port: 3000 }).has('http://[fd00::5]:3000')).toBe(true);
  });
});
