import { readFileSync } from 'node:fs';
import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { freePort } from '../../src/platform/processes.js';

describe('freePort', () => {
  it('hands out distinct bindable ports below the ephemeral range', async () => {
    const ephemeralLow = Number(readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0]);
    const ports: number[] = [];
    for (let i = 0; i < 20; i++) ports.push(await freePort());
    expect(new Set(ports).size).toBe(20);
    for (const port of ports) expect(port).toBeLessThan(ephemeralLow);
    const server = net.createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(ports[0], '127.0.0.1', resolve);
    });
    await new Promise((resolve) => server.close(resolve));
  });

  it('skips a port someone already listens on', async () => {
    const first = await freePort();
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(first + 1, '127.0.0.1', resolve));
    try {
      expect(await freePort()).not.toBe(first + 1);
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });
});
