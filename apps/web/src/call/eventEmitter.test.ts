import { describe, expect, it } from 'vitest';
import { EventEmitter } from './eventEmitter';

type Listener = (...args: unknown[]) => unknown;
interface Emitter {
  on(name: string, l: Listener): unknown;
  once(name: string, l: Listener): unknown;
  off(name: string, l: Listener): unknown;
  emit(name: string, ...args: unknown[]): boolean;
  prependListener(name: string, l: Listener): unknown;
  prependOnceListener(name: string, l: Listener): unknown;
  removeAllListeners(name?: string): unknown;
  listenerCount(name: string): number;
  listeners(name: string): Listener[];
  rawListeners(name: string): Listener[];
  eventNames(): (string | symbol)[];
}

// Node's own, the behaviour to match (the web app's types know nothing of Node).
const nodeEvents = 'node:events';
const { EventEmitter: NodeEmitter } = (await import(/* @vite-ignore */ nodeEvents)) as {
  EventEmitter: new () => Emitter;
};

/** The same story told to an emitter: what the listeners saw, and what the emitter said. */
function story(e: Emitter): unknown[] {
  const seen: unknown[] = [];
  const a = (x: unknown) => seen.push(['a', x]);
  const b = (x: unknown) => seen.push(['b', x]);
  const c = (x: unknown) => seen.push(['c', x]);
  e.on('x', a);
  e.once('x', b);
  e.prependListener('x', c);
  seen.push(e.emit('x', 1), e.emit('x', 2), e.listenerCount('x'));
  // Removed during an emit: that emit still calls it, the next does not.
  const remover = () => {
    e.off('x', a);
    seen.push('removed a');
  };
  e.prependOnceListener('x', remover);
  seen.push(e.emit('x', 3), e.emit('x', 4));
  // A once listener removed by the function given.
  e.once('y', b);
  e.off('y', b);
  seen.push(e.emit('y', 5), e.listenerCount('y'));
  e.once('z', a);
  seen.push(e.listeners('z').length, e.listeners('z')[0] === a, e.rawListeners('z')[0] === a);
  seen.push([...e.eventNames()].sort());
  e.removeAllListeners('x');
  seen.push(e.listenerCount('x'), e.emit('x', 6));
  e.removeAllListeners();
  seen.push(e.eventNames().length);
  // An 'error' nobody listens to is thrown.
  let thrown: unknown = null;
  try {
    e.emit('error', new Error('boom'));
  } catch (error) {
    thrown = (error as Error).message;
  }
  seen.push(thrown);
  return seen;
}

describe('the browser build’s EventEmitter', () => {
  it('behaves as Node’s does, for everything mediasoup-client asks of it', () => {
    expect(story(new EventEmitter())).toEqual(story(new NodeEmitter()));
  });

  it('lets a subclass call through super, as mediasoup-client’s does', () => {
    class Enhanced extends EventEmitter {
      override emit(name: string, ...args: unknown[]): boolean {
        return super.emit(name, ...args);
      }
    }
    const e = new Enhanced().setMaxListeners(Infinity);
    const got: unknown[] = [];
    e.on('close', (...args) => got.push(args));
    expect(e.emit('close', 1, 2)).toBe(true);
    expect(got).toEqual([[1, 2]]);
    expect(e.getMaxListeners()).toBe(Infinity);
  });
});
