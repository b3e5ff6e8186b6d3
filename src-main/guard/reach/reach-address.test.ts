import { describe, expect, it } from 'vitest';
import { GuardConfig, reachEndpoint } from '../config';
import { isLoopbackV4 } from './reach-address';

const base = { version: '1', hostsPath: '/etc/hosts', stateDir: '/var/lib/g', socketPath: '/run/g.sock', user: { name: 'ada' } };

describe('the reach address', () => {
  it('accepts IPv4 loopback addresses only', () => {
    for (const ok of ['127.0.0.1', '127.0.0.253', '127.255.255.255']) expect(isLoopbackV4(ok)).toBe(true);
    for (const bad of ['0.0.0.0', '10.0.0.1', '127.0.0.256', '127.0.0.01', '127.1', '::1', '127.0.0.1 ', ' 127.0.0.1']) expect(isLoopbackV4(bad)).toBe(false);
  });

  it('is on by default at the OS address; off, or another loopback address, only through the root-owned config', () => {
    const config = GuardConfig.parse(base);
    expect(reachEndpoint(config, 'linux')).toEqual({ address: '127.0.0.253', httpPort: 80, httpsPort: 443 });
    expect(reachEndpoint(config, 'win32')).toEqual({ address: '127.0.0.253', httpPort: 80, httpsPort: 443 });
    expect(reachEndpoint(config, 'darwin')).toEqual({ address: '127.0.0.1', httpPort: 80, httpsPort: 443 });
    expect(reachEndpoint(GuardConfig.parse({ ...base, reach: { enabled: false } }), 'linux')).toBeNull();
    expect(reachEndpoint(GuardConfig.parse({ ...base, reach: { address: '127.0.0.9', httpPort: 8080 } }), 'linux')).toEqual({ address: '127.0.0.9', httpPort: 8080, httpsPort: 443 });
    expect(() => GuardConfig.parse({ ...base, reach: { address: '192.168.1.2' } })).toThrow(/loopback/);
    expect(() => GuardConfig.parse({ ...base, reach: { address: '0.0.0.0' } })).toThrow(/loopback/);
  });
});
