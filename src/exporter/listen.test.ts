import { describe, expect, it } from 'vitest';
import { exposureWarning, isLoopback, parseListen } from './listen.js';

describe('--listen', () => {
  it('reads HOST:PORT, [IPv6]:PORT and :PORT (every interface)', () => {
    expect(parseListen('127.0.0.1:9823')).toEqual({ ok: true, address: { host: '127.0.0.1', port: 9823 } });
    expect(parseListen('[::1]:9823')).toEqual({ ok: true, address: { host: '::1', port: 9823 } });
    expect(parseListen('localhost:0')).toEqual({ ok: true, address: { host: 'localhost', port: 0 } });
    expect(parseListen(':9823')).toEqual({ ok: true, address: { host: '0.0.0.0', port: 9823 } });
  });

  it('refuses what is not an address and a port', () => {
    for (const bad of ['9823', '127.0.0.1', '127.0.0.1:70000', '[nope]:1', 'a b:1', 'host:port']) {
      expect(parseListen(bad).ok, bad).toBe(false);
    }
  });

  it('warns for anything but loopback', () => {
    expect(isLoopback('127.0.0.1') && isLoopback('127.1.2.3') && isLoopback('::1') && isLoopback('localhost')).toBe(true);
    expect(exposureWarning({ host: '127.0.0.1', port: 9823 })).toBeNull();
    expect(exposureWarning({ host: '0.0.0.0', port: 9823 })).toMatch(/not on loopback: .*reverse proxy/);
    expect(exposureWarning({ host: '10.0.0.5', port: 9823 })).toMatch(/sync sources/);
  });
});
