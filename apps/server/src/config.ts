import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';

/**
 * The environment, parsed once at start into a typed object. A bad value stops the
 * process with a message naming the variable; nothing else reads process.env.
 */
const bool = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no'])
  .transform((v) => v === '1' || v === 'true' || v === 'yes');
const port = z.coerce.number().int().min(1).max(65535);
const ip = z.union([z.ipv4(), z.ipv6()]);
/** An address a link is opened to: http or https, with a host. */
const httpUrl = z.url({ protocol: /^https?$/ });
/** Address ranges a proxy may be named by, as Fastify's trustProxy reads them. */
const PROXY_RANGES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/**
 * Whom to believe about the client's address and protocol (X-Forwarded-For and -Proto):
 * nobody (the default: the server faces the network itself), any proxy (`true`), the
 * nearest N proxies (a number of hops), or the proxies at these addresses, networks or
 * ranges (loopback, linklocal, uniquelocal), comma-separated.
 */
const trustProxy = z.string().transform((value, ctx): boolean | number | string[] => {
  const v = value.trim();
  if (['', 'false', 'no'].includes(v)) return false;
  if (['true', 'yes'].includes(v)) return true;
  if (/^\d+$/.test(v)) return Number(v) === 0 ? false : Number(v);
  const list = v.split(',').map((s) => s.trim());
  const address = z.union([z.ipv4(), z.ipv6(), z.cidrv4(), z.cidrv6()]);
  if (list.every((a) => PROXY_RANGES.has(a) || address.safeParse(a).success)) return list;
  ctx.addIssue({
    code: 'custom',
    message:
      'true, false, a number of proxies, or proxy addresses (IP, CIDR, loopback...), comma-separated',
  });
  return z.NEVER;
});

const Env = z
  .object({
    HAVEN_ENV: z.enum(['development', 'production', 'test']).default('production'),
    HAVEN_HOST: z.string().min(1).default('0.0.0.0'),
    HAVEN_PORT: port.default(8080),
    HAVEN_PUBLIC_URL: httpUrl.optional(),
    HAVEN_TRUST_PROXY: trustProxy.default(false),
    HAVEN_LOG_LEVEL: z
      .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
      .default('info'),
    HAVEN_JWT_SECRET: z.string().optional(),
    HAVEN_TLS_CERT: z.string().optional(),
    HAVEN_TLS_KEY: z.string().optional(),
    HAVEN_DATA_DIR: z.string().default('./data'),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
      .optional(),
    HAVEN_DATABASE_SCHEMA: z
      .string()
      .regex(/^[a-z_][a-z0-9_]*$/)
      .optional(),
    REDIS_URL: z
      .string()
      .regex(/^rediss?:\/\//, 'must be a redis:// URL')
      .optional(),
    HAVEN_WORKERS: z.coerce.number().int().min(1).max(64).optional(),
    HAVEN_RTC_LISTEN_IP: ip.default('0.0.0.0'),
    HAVEN_RTC_ANNOUNCED_ADDRESS: z.string().min(1).optional(),
    HAVEN_RTC_MIN_PORT: port.default(40000),
    HAVEN_RTC_MAX_PORT: port.default(40999),
    HAVEN_RTC_TCP: bool.default(true),
    HAVEN_RTC_SOCKET_BUFFER_KB: z.coerce
      .number()
      .int()
      .min(4)
      .max(64 * 1024)
      .default(2048),
    HAVEN_WEB_DIR: z.string().optional(),
    HAVEN_CLINICIAN_GRACE_SECONDS: z.coerce.number().int().min(1).max(3600).default(120),
    HAVEN_HEARTBEAT_SECONDS: z.coerce.number().int().min(1).max(600).default(15),
    HAVEN_ACCESS_TOKEN_MINUTES: z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 60)
      .default(15),
    HAVEN_DEMO: bool.default(false),
    HAVEN_NODE_ID: z.string().min(1).max(64).optional(),
  })
  .superRefine((env, ctx) => {
    if (env.HAVEN_RTC_MIN_PORT > env.HAVEN_RTC_MAX_PORT) {
      ctx.addIssue({
        code: 'custom',
        path: ['HAVEN_RTC_MIN_PORT'],
        message: 'must not exceed HAVEN_RTC_MAX_PORT',
      });
    }
    if (Boolean(env.HAVEN_TLS_CERT) !== Boolean(env.HAVEN_TLS_KEY)) {
      ctx.addIssue({
        code: 'custom',
        path: ['HAVEN_TLS_CERT'],
        message: 'HAVEN_TLS_CERT and HAVEN_TLS_KEY go together',
      });
    }
    if (env.HAVEN_ENV === 'production' && env.HAVEN_DEMO) {
      ctx.addIssue({
        code: 'custom',
        path: ['HAVEN_DEMO'],
        message: 'the demo clinic has a published password: never in production',
      });
    }
    // Set, it must be strong anywhere (an empty one would sign tokens with an empty key);
    // unset or empty, development and test sign with the published development secret.
    const secret = env.HAVEN_JWT_SECRET;
    if (secret ? secret.length < 32 : env.HAVEN_ENV === 'production') {
      ctx.addIssue({
        code: 'custom',
        path: ['HAVEN_JWT_SECRET'],
        message:
          'required in production: at least 32 random characters (e.g. `openssl rand -hex 32`)',
      });
    }
  });

export interface Config {
  env: 'development' | 'production' | 'test';
  host: string;
  port: number;
  publicUrl: string | undefined;
  /** Fastify's trustProxy: false, true, a number of hops, or the proxies' addresses. */
  trustProxy: boolean | number | string[];
  logLevel: string;
  jwtSecret: string;
  tls: { cert: string; key: string } | undefined;
  dataDir: string;
  databaseUrl: string | undefined;
  databaseSchema: string | undefined;
  redisUrl: string | undefined;
  nodeId: string;
  webDir: string | undefined;
  demo: boolean;
  accessTokenMinutes: number;
  clinicianGraceMs: number;
  heartbeatMs: number;
  sfu: {
    numWorkers: number;
    listenIp: string;
    announcedAddress: string | undefined;
    rtcMinPort: number;
    rtcMaxPort: number;
    enableTcp: boolean;
    socketBufferBytes: number;
  };
}

/** Used only outside production, so a development machine starts with no set-up. */
const DEVELOPMENT_SECRET = 'haven-development-secret-not-for-production-use';

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

export function loadConfig(source: NodeJS.ProcessEnv = process.env): Config {
  const parsed = Env.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.') || '(env)'}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  return {
    env: e.HAVEN_ENV,
    host: e.HAVEN_HOST,
    port: e.HAVEN_PORT,
    publicUrl: e.HAVEN_PUBLIC_URL,
    trustProxy: e.HAVEN_TRUST_PROXY,
    logLevel: e.HAVEN_LOG_LEVEL,
    jwtSecret: e.HAVEN_JWT_SECRET || DEVELOPMENT_SECRET,
    tls:
      e.HAVEN_TLS_CERT && e.HAVEN_TLS_KEY
        ? { cert: e.HAVEN_TLS_CERT, key: e.HAVEN_TLS_KEY }
        : undefined,
    dataDir: path.resolve(e.HAVEN_DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    databaseSchema: e.HAVEN_DATABASE_SCHEMA,
    redisUrl: e.REDIS_URL,
    nodeId: e.HAVEN_NODE_ID ?? `${os.hostname()}:${e.HAVEN_PORT}`,
    webDir: e.HAVEN_WEB_DIR,
    demo: e.HAVEN_DEMO,
    accessTokenMinutes: e.HAVEN_ACCESS_TOKEN_MINUTES,
    clinicianGraceMs: e.HAVEN_CLINICIAN_GRACE_SECONDS * 1000,
    heartbeatMs: e.HAVEN_HEARTBEAT_SECONDS * 1000,
    sfu: {
      numWorkers: e.HAVEN_WORKERS ?? os.availableParallelism(),
      listenIp: e.HAVEN_RTC_LISTEN_IP,
      announcedAddress:
        e.HAVEN_RTC_ANNOUNCED_ADDRESS ?? defaultAnnouncedAddress(e.HAVEN_RTC_LISTEN_IP),
      rtcMinPort: e.HAVEN_RTC_MIN_PORT,
      rtcMaxPort: e.HAVEN_RTC_MAX_PORT,
      enableTcp: e.HAVEN_RTC_TCP,
      socketBufferBytes: e.HAVEN_RTC_SOCKET_BUFFER_KB * 1024,
    },
  };
}

/** With a wildcard listen address, announce the first LAN IPv4 so phones on the network can connect. */
function defaultAnnouncedAddress(listenIp: string): string | undefined {
  if (listenIp !== '0.0.0.0' && listenIp !== '::') return undefined;
  for (const list of Object.values(os.networkInterfaces())) {
    for (const iface of list ?? []) {
      if (iface.family === 'IPv4' && !iface.internal) return iface.address;
    }
  }
  return '127.0.0.1';
}
