import { PROTOCOL_VERSION, type ClientRequestName, type JoinResult } from '@haven/protocol';
import { Device, FakeHandler, testFakeParameters } from 'mediasoup-client';
import { describe, expect, it } from 'vitest';
import { CallClient } from './CallClient';
import type { HavenSocket } from './signaling';
import { FakeSocket, fakeDevices, sfuAnswer } from './testing';

const settle = () => new Promise((resolve) => setTimeout(resolve, 30));

const waiting: JoinResult = {
  state: 'waiting',
  message: null,
  lateArrival: false,
  participantId: 'me',
};
const admitted: JoinResult = { state: 'admitted', space: 'main', participantId: 'me' };

function setup(options: { join?: () => JoinResult; listenOnly?: boolean } = {}) {
  const join = options.join ?? (() => waiting);
  const sockets: FakeSocket[] = [];
  const respond = (name: ClientRequestName, payload: unknown) =>
    name === 'room:join' ? join() : sfuAnswer(name, payload);
  const client = new CallClient({
    token: 'token-for-tests',
    listenOnly: options.listenOnly,
    mediaDevices: fakeDevices,
    createDevice: () =>
      Device.factory({ handlerFactory: FakeHandler.createFactory(testFakeParameters) }),
    createSocket: (_url, socketOptions) => {
      expect(socketOptions).toMatchObject({
        auth: { token: 'token-for-tests' },
        autoConnect: false,
      });
      const socket = new FakeSocket(respond);
      sockets.push(socket);
      return socket as unknown as HavenSocket;
    },
  });
  const socket = sockets[0];
  if (!socket) throw new Error('no socket created');
  return { client, socket, state: () => client.getSnapshot() };
}

describe('CallClient', () => {
  it('joins with the protocol version and waits without any media', async () => {
    const { client, socket, state } = setup();
    const result = await client.join({ sessionId: 's1' });
    expect(result.state).toBe('waiting');
    expect(socket.sent[0]).toEqual({
      name: 'room:join',
      payload: { protocolVersion: PROTOCOL_VERSION, sessionId: 's1' },
    });
    await settle();
    expect(state().connection).toBe('connected');
    expect(state().self).toMatchObject({ state: 'waiting' });
    expect(state().local).toMatchObject({ micEnabled: true, cameraEnabled: true });
    expect(socket.names().filter((n) => n.startsWith('media:'))).toEqual([]);
    await client.leave();
  });

  it('starts media once admitted and publishes microphone and camera', async () => {
    const { client, socket, state } = setup();
    await client.join({ sessionId: 's1' });
    socket.push('you:status', { state: 'admitted', space: 'main' });
    await settle();
    expect(state().self).toEqual({ state: 'admitted', space: 'main' });
    const produced = socket.sent
      .filter((r) => r.name === 'media:produce')
      .map((r) => (r.payload as { source: string }).source)
      .sort();
    expect(produced).toEqual(['camera', 'mic']);
    await client.leave();
  });

  it('publishes nothing when listening only', async () => {
    const { client, socket, state } = setup({ join: () => admitted, listenOnly: true });
    await client.join({ sessionId: 's1' });
    await settle();
    expect(socket.names()).toContain('media:ready');
    expect(socket.names()).not.toContain('media:produce');
    expect(state().local).toMatchObject({ mic: null, camera: null, micEnabled: false });
    await client.leave();
  });

  it('follows a clinician mute: pauses the mic, and refuses to unmute while locked', async () => {
    const { client, socket, state } = setup({ join: () => admitted });
    await client.join({ sessionId: 's1' });
    await settle();
    socket.push('you:notice', { kind: 'muted', locked: true });
    await settle();
    expect(state().local).toMatchObject({ micEnabled: false, micLocked: true });
    expect(socket.sent.at(-1)).toEqual({
      name: 'media:pauseProducer',
      payload: { producerId: 'own-mic' },
    });
    await expect(client.setMicEnabled(true)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    socket.push('you:notice', { kind: 'micUnlocked' });
    await client.setMicEnabled(true);
    expect(state().local.micEnabled).toBe(true);
    await client.leave();
  });

  it('stops the camera track when the camera is switched off', async () => {
    const { client, state } = setup({ join: () => admitted });
    await client.join({ sessionId: 's1' });
    await settle();
    const camera = state().local.camera;
    await client.setCameraEnabled(false);
    expect(camera?.readyState).toBe('ended');
    expect(state().local).toMatchObject({ camera: null, cameraEnabled: false });
    await client.setCameraEnabled(true);
    expect(state().local.cameraEnabled).toBe(true);
    await client.leave();
  });

  it('rejoins and rebuilds the media after the link comes back', async () => {
    const { client, socket, state } = setup({ join: () => admitted });
    await client.join({ sessionId: 's1' });
    await settle();
    socket.drop();
    expect(state().connection).toBe('reconnecting');
    socket.reconnect();
    await settle();
    expect(state().connection).toBe('connected');
    expect(socket.names().filter((n) => n === 'room:join')).toHaveLength(2);
    expect(socket.names().filter((n) => n === 'media:capabilities')).toHaveLength(2);
    expect(socket.names().filter((n) => n === 'media:produce')).toHaveLength(4);
    await client.leave();
  });

  it('closes everything when removed, and leave() afterwards is harmless', async () => {
    const { client, socket, state } = setup({ join: () => admitted });
    await client.join({ sessionId: 's1' });
    await settle();
    const mic = state().local.mic;
    socket.push('you:removed', { kind: 'removed', message: 'Take care.' });
    expect(state().self).toEqual({ state: 'removed', kind: 'removed', message: 'Take care.' });
    expect(state().connection).toBe('closed');
    expect(mic?.readyState).toBe('ended');
    await client.leave();
    await client.leave();
    expect(socket.names()).not.toContain('room:leave');
  });

  it('says goodbye once, however often leave() is called', async () => {
    const { client, socket, state } = setup();
    await client.join({ sessionId: 's1' });
    await Promise.all([client.leave(), client.leave()]);
    expect(socket.names().filter((n) => n === 'room:leave')).toHaveLength(1);
    expect(state().self).toEqual({ state: 'left' });
    expect(state().connection).toBe('closed');
  });

  it('ends the call with a fatal error when the join is refused', async () => {
    const { client, state } = setup({
      join: () => {
        throw { code: 'SESSION_LOCKED', message: 'locked' };
      },
    });
    await expect(client.join({ sessionId: 's1' })).rejects.toMatchObject({
      code: 'SESSION_LOCKED',
    });
    expect(state().lastError).toMatchObject({ code: 'SESSION_LOCKED', fatal: true });
    expect(state().connection).toBe('closed');
  });

  it('ends the call when the server refuses the handshake', async () => {
    const { client, socket, state } = setup();
    const joined = client.join({ sessionId: 's1' }).catch((e: unknown) => e);
    socket.active = false;
    socket.push(
      'connect_error',
      Object.assign(new Error('expired'), { data: { code: 'TOKEN_EXPIRED' } }),
    );
    expect(await joined).toMatchObject({ code: 'INVALID_STATE' });
    expect(state().lastError).toMatchObject({ code: 'TOKEN_EXPIRED', fatal: true });
  });

  it('adds its own chat message once, even when the server echoes it', async () => {
    const { client, socket, state } = setup({ join: () => admitted });
    await client.join({ sessionId: 's1' });
    await client.sendChat('  hello  ');
    socket.push('chat:message', { id: 'm1', fromId: 'me', fromName: 'Me', text: 'hello', at: 1 });
    expect(state().chat.map((m) => m.text)).toEqual(['hello']);
    await client.leave();
  });
});
