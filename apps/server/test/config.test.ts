import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';
import { checkMediaListen } from '../src/media-check.js';
import { startServer } from './helpers/server.js';

const secret = 'x'.repeat(40);

describe('configuration', () => {
  it('starts a development server with no settings at all', () => {
    const c = loadConfig({ HAVEN_ENV: 'development' });
    expect(c.port).toBe(8080);
    expect(c.sfu.rtcMinPort).toBe(40000);
    expect(c.sfu.socketBufferBytes).toBe(2 << 20);
    expect(c.jwtSecret.length).toBeGreaterThan(20);
    expect(c.databaseUrl).toBeUndefined();
  });

  it('refuses to start in production without a real secret', () => {
    expect(() => loadConfig({})).toThrow(ConfigError);
    expect(() => loadConfig({ HAVEN_JWT_SECRET: 'short' })).toThrow(/HAVEN_JWT_SECRET/);
    expect(loadConfig({ HAVEN_JWT_SECRET: secret }).env).toBe('production');
  });

  it('signs development tokens with a set secret only when it is strong, never an empty one', () => {
    const dev = { HAVEN_ENV: 'development' };
    expect(() => loadConfig({ ...dev, HAVEN_JWT_SECRET: 'short' })).toThrow(/HAVEN_JWT_SECRET/);
    expect(loadConfig({ ...dev, HAVEN_JWT_SECRET: '' }).jwtSecret).toBe(loadConfig(dev).jwtSecret);
    expect(loadConfig({ ...dev, HAVEN_JWT_SECRET: secret }).jwtSecret).toBe(secret);
    expect(() => loadConfig({ HAVEN_JWT_SECRET: '' })).toThrow(/HAVEN_JWT_SECRET/);
  });

  it('names the variable of a bad value', () => {
    const cases: [Record<string, string>, RegExp][] = [
      [{ HAVEN_PORT: 'eighty' }, /HAVEN_PORT/],
      [{ HAVEN_PORT: '70000' }, /HAVEN_PORT/],
      [{ HAVEN_RTC_MIN_PORT: '50000', HAVEN_RTC_MAX_PORT: '40000' }, /HAVEN_RTC_MIN_PORT/],
      [{ HAVEN_RTC_LISTEN_IP: 'my-laptop' }, /HAVEN_RTC_LISTEN_IP/],
      [{ DATABASE_URL: 'mysql://x' }, /DATABASE_URL/],
      [{ REDIS_URL: 'http://x' }, /REDIS_URL/],
      [{ HAVEN_TLS_CERT: 'cert.pem' }, /HAVEN_TLS_CERT/],
      [{ HAVEN_RTC_TCP: 'maybe' }, /HAVEN_RTC_TCP/],
      [{ HAVEN_RTC_SOCKET_BUFFER_KB: '1' }, /HAVEN_RTC_SOCKET_BUFFER_KB/],
      [{ HAVEN_ENV: 'staging' }, /HAVEN_ENV/],
      // Links a patient could not open.
      [{ HAVEN_PUBLIC_URL: 'clinic.example.org:8443' }, /HAVEN_PUBLIC_URL/],
      [{ HAVEN_PUBLIC_URL: 'javascript:alert(1)' }, /HAVEN_PUBLIC_URL/],
      [{ HAVEN_TRUST_PROXY: 'nginx' }, /HAVEN_TRUST_PROXY/],
      // The demo clinic's admin password is published.
      [{ HAVEN_DEMO: '1' }, /HAVEN_DEMO/],
    ];
    for (const [env, pattern] of cases) {
      expect(() => loadConfig({ HAVEN_JWT_SECRET: secret, ...env }), JSON.stringify(env)).toThrow(
        pattern,
      );
    }
  });

  it('believes forwarded client addresses only from the proxies it is told of', () => {
    const trust = (value?: string) =>
      loadConfig({
        HAVEN_JWT_SECRET: secret,
        ...(value === undefined ? {} : { HAVEN_TRUST_PROXY: value }),
      }).trustProxy;
    expect(trust()).toBe(false);
    expect(trust('true')).toBe(true);
    expect(trust('10.0.0.2, 10.1.0.0/16, ::1')).toEqual(['10.0.0.2', '10.1.0.0/16', '::1']);
    // A number of proxies in front, and the ranges Fastify names.
    expect(trust('1')).toBe(1);
    expect(trust('0')).toBe(false);
    expect(trust('loopback, 10.0.0.0/8')).toEqual(['loopback', '10.0.0.0/8']);
    expect(loadConfig({ HAVEN_ENV: 'development', HAVEN_DEMO: '1' }).demo).toBe(true);
  });

  it('reads the media and database settings', () => {
    const c = loadConfig({
      HAVEN_JWT_SECRET: secret,
      HAVEN_RTC_LISTEN_IP: '127.0.0.1',
      HAVEN_RTC_ANNOUNCED_ADDRESS: 'haven.example.org',
      HAVEN_RTC_MIN_PORT: '41000',
      HAVEN_RTC_MAX_PORT: '41100',
      HAVEN_WORKERS: '3',
      HAVEN_RTC_SOCKET_BUFFER_KB: '512',
      DATABASE_URL: 'postgres://u@db/haven',
      REDIS_URL: 'redis://cache:6379',
      HAVEN_TLS_CERT: '/etc/cert.pem',
      HAVEN_TLS_KEY: '/etc/key.pem',
    });
    expect(c.sfu).toMatchObject({
      listenIp: '127.0.0.1',
      announcedAddress: 'haven.example.org',
      rtcMinPort: 41000,
      rtcMaxPort: 41100,
      numWorkers: 3,
      socketBufferBytes: 512 * 1024,
    });
    expect(c.databaseUrl).toBe('postgres://u@db/haven');
    expect(c.redisUrl).toBe('redis://cache:6379');
    expect(c.tls).toEqual({ cert: '/etc/cert.pem', key: '/etc/key.pem' });
  });

  it('refuses to start on a media address the machine does not have, naming the variable', async () => {
    const sfu = loadConfig({ HAVEN_ENV: 'development', HAVEN_RTC_LISTEN_IP: '127.0.0.1' }).sfu;
    await checkMediaListen(sfu);
    await expect(checkMediaListen({ ...sfu, listenIp: '203.0.113.7' })).rejects.toThrow(
      /HAVEN_RTC_LISTEN_IP: media cannot listen on 203\.0\.113\.7/,
    );
    await expect(
      startServer({
        env: { HAVEN_RTC_LISTEN_IP: '203.0.113.7', HAVEN_RTC_ANNOUNCED_ADDRESS: '203.0.113.7' },
      }),
    ).rejects.toThrow(/HAVEN_RTC_LISTEN_IP/);
  });
});
