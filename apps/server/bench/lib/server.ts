import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface ServerStats {
  cpuMicros: number;
  heapUsed: number;
  rss: number;
  external: number;
}

export interface BenchServer {
  url: string;
  pid: number;
  stats(gc?: boolean): Promise<ServerStats>;
  /** A development token for `sessionId` (POST /api/dev/token), as the home page gets one. */
  devToken(
    sessionId: string,
    name: string,
    role?: 'clinician' | 'patient',
  ): Promise<{ token: string; url: string }>;
  close(): Promise<void>;
}

/** HAVEN_BENCH_PROFILE=DIR: the server writes a V8 CPU profile there when it exits. */
function profiling(): string[] {
  const dir = process.env['HAVEN_BENCH_PROFILE'];
  return dir ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(dir)}`] : [];
}

/**
 * Starts the real server (server-child.js) in a child process on a free loopback port,
 * in test mode with development rooms, SQLite in a temporary folder and media on
 * 127.0.0.1. `env` adds or overrides variables. close() stops it and removes the folder.
 */
export async function startServer(
  env: Record<string, string> = {},
  execArgv: string[] = [],
): Promise<BenchServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'haven-bench-'));
  const child: ChildProcess = fork(new URL('../server-child.js', import.meta.url), [], {
    execArgv: ['--expose-gc', ...profiling(), ...execArgv],
    env: {
      ...process.env,
      HAVEN_ENV: 'test',
      HAVEN_HOST: '127.0.0.1',
      HAVEN_PORT: '8080',
      HAVEN_LOG_LEVEL: 'silent',
      HAVEN_RTC_LISTEN_IP: '127.0.0.1',
      HAVEN_RTC_ANNOUNCED_ADDRESS: '127.0.0.1',
      HAVEN_RTC_MIN_PORT: '41000',
      HAVEN_RTC_MAX_PORT: '43999',
      HAVEN_RTC_TCP: 'false',
      HAVEN_DATA_DIR: dataDir,
      HAVEN_WEB_DIR: path.join(dataDir, 'no-web'),
      ...env,
    },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const cleanup = (): void => fs.rmSync(dataDir, { recursive: true, force: true });
  let port: number;
  try {
    port = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error('the server did not start within 30 s')),
        30_000,
      );
      child.once('exit', (code) => reject(new Error(`the server exited with ${code}`)));
      child.on('message', (m: { type: string; port?: number }) => {
        if (m.type === 'ready' && m.port) {
          clearTimeout(timer);
          resolve(m.port);
        }
      });
    });
  } catch (error) {
    child.kill('SIGKILL');
    cleanup();
    throw error;
  }
  const url = `http://127.0.0.1:${port}`;
  let nextId = 0;
  return {
    url,
    pid: child.pid ?? 0,
    stats(gc = false) {
      const id = ++nextId;
      return new Promise((resolve) => {
        const listener = (m: ServerStats & { type: string; id: number }): void => {
          if (m.type !== 'stats' || m.id !== id) return;
          child.off('message', listener);
          resolve(m);
        };
        child.on('message', listener);
        child.send({ type: 'stats', id, gc });
      });
    },
    async devToken(sessionId, name, role = 'clinician') {
      const res = await fetch(`${url}/api/dev/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ sessionId, name, role }),
      });
      const body = (await res.json()) as { ok: boolean; data: { token: string; url: string } };
      if (!body.ok) throw new Error(`dev token refused: ${JSON.stringify(body)}`);
      return body.data;
    },
    async close() {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
        child.send({ type: 'close' });
        const timer = setTimeout(() => child.kill('SIGKILL'), 8000);
        await exited;
        clearTimeout(timer);
      }
      cleanup();
    },
  };
}
