import { describe, expect, it } from 'vitest';
import { TypedEmitter, type Logger } from '../src/index.js';

interface Events {
  ping: { n: number };
  done: void;
}

class Pinger extends TypedEmitter<Events> {
  ping(n: number): boolean {
    return this.emit('ping', { n });
  }
  done(): boolean {
    return this.emit('done', undefined);
  }
}

function recordingLogger(): Logger & { errors: object[] } {
  const errors: object[] = [];
  const noop = (): void => {};
  return { debug: noop, info: noop, warn: noop, error: (o) => errors.push(o), errors };
}

describe('TypedEmitter', () => {
  it('delivers payloads in order, once() once, off() never', () => {
    const pinger = new Pinger(recordingLogger);
    const seen: string[] = [];
    const off = ({ n }: { n: number }): void => {
      seen.push(`off${n}`);
    };
    pinger.on('ping', ({ n }) => seen.push(`a${n}`));
    pinger.once('ping', ({ n }) => seen.push(`once${n}`));
    pinger.on('ping', off).off('ping', off);
    pinger.on('done', () => seen.push('done'));

    expect(pinger.ping(1)).toBe(true);
    pinger.ping(2);
    pinger.done();
    expect(seen).toEqual(['a1', 'once1', 'a2', 'done']);
    expect(pinger.listenerCount('ping')).toBe(1);
    pinger.removeAllListeners();
    expect(pinger.ping(3)).toBe(false);
  });

  it('logs a throwing or rejecting listener and still calls the others', async () => {
    const logger = recordingLogger();
    const pinger = new Pinger(() => logger);
    const seen: number[] = [];
    pinger.on('ping', () => {
      throw new Error('boom');
    });
    pinger.on('ping', async () => Promise.reject(new Error('later')));
    pinger.on('ping', ({ n }) => seen.push(n));

    expect(() => pinger.ping(7)).not.toThrow();
    expect(seen).toEqual([7]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(logger.errors).toHaveLength(2);
    expect(logger.errors[0]).toMatchObject({ event: 'ping' });
  });
});
