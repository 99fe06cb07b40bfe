import { describe, expect, it } from 'vitest';
import { CallError, toCallError } from './errors';
import { createRequester, unwrap, type HavenSocket } from './signaling';

type Ack = (err: Error | null, answer?: unknown) => void;

function socketAnswering(answer: (name: string) => unknown, connected = true) {
  const sent: string[] = [];
  const socket = {
    connected,
    timeout: (ms: number) => ({
      emit: (name: string, _payload: unknown, ack: Ack) => {
        sent.push(name);
        const value = answer(name);
        if (value === undefined) setTimeout(() => ack(new Error('operation has timed out')), ms);
        else queueMicrotask(() => ack(null, value));
      },
    }),
  };
  return { socket: socket as unknown as HavenSocket, sent };
}

describe('requests', () => {
  it('resolves with the data of an ok answer', async () => {
    const { socket } = socketAnswering(() => ({ ok: true, data: { messageId: 'm1' } }));
    const request = createRequester(socket, 1000);
    await expect(request('chat:send', { text: 'hi' })).resolves.toEqual({ messageId: 'm1' });
  });

  it('rejects with the code of an error answer', async () => {
    const { socket } = socketAnswering(() => ({
      ok: false,
      error: { code: 'FORBIDDEN', message: 'patients cannot admit' },
    }));
    const request = createRequester(socket, 1000);
    const error = await request('mod:admitAll', {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CallError);
    expect(error).toMatchObject({ code: 'FORBIDDEN', request: 'mod:admitAll' });
  });

  it('times out with a clear error', async () => {
    const { socket } = socketAnswering(() => undefined);
    const request = createRequester(socket, 1000);
    await expect(request('hand:raise', {}, 20)).rejects.toMatchObject({
      code: 'TIMEOUT',
      message: 'hand:raise: no answer within 20 ms',
    });
  });

  it('fails at once when not connected', async () => {
    const { socket, sent } = socketAnswering(() => ({ ok: true, data: {} }), false);
    await expect(createRequester(socket, 1000)('hand:raise', {})).rejects.toMatchObject({
      code: 'DISCONNECTED',
    });
    expect(sent).toEqual([]);
  });

  it('treats malformed answers and unknown codes as internal errors', () => {
    expect(() => unwrap('x', 'nonsense')).toThrow(/malformed/);
    expect(() => unwrap('x', { ok: false, error: { code: 'NEW_CODE', message: 'm' } })).toThrow(
      expect.objectContaining({ code: 'INTERNAL' }),
    );
  });
});

describe('toCallError', () => {
  const named = (name: string) => Object.assign(new Error('x'), { name });

  it('maps browser device errors to device codes', () => {
    expect(toCallError(named('NotAllowedError')).code).toBe('DEVICE_DENIED');
    expect(toCallError(named('NotFoundError')).code).toBe('DEVICE_UNAVAILABLE');
    expect(toCallError(named('NotReadableError')).code).toBe('DEVICE_UNAVAILABLE');
    expect(toCallError(named('UnsupportedError')).code).toBe('UNSUPPORTED_BROWSER');
  });

  it('keeps CallErrors and wraps anything else as internal', () => {
    const original = new CallError('REMOVED', 'gone');
    expect(toCallError(original)).toBe(original);
    expect(toCallError('boom')).toMatchObject({ code: 'INTERNAL', message: 'boom' });
  });
});
