import { PROTOCOL_VERSION, type ClientRequestName, type JoinResult } from '@haven/protocol';
import { describe, expect, it, vi } from 'vitest';
import { testFakeParameters } from 'mediasoup-client';
import { CallClient } from './CallClient';
import type { CallClientOptions } from './options';
import { handshakeAuth } from './options';
import type { HavenSocket } from './signaling';
import {
  FakeSocket,
  FakeTrack,
  asTrack,
  fakeDeviceFactory,
  fakeMediaDevices,
  fakeParticipant,
  fakeSnapshot,
  sfuAnswer,
} from './testing';

const settle = () => new Promise((resolve) => setTimeout(resolve, 30));

const waiting: JoinResult = {
  state: 'waiting',
  message: null,
  lateArrival: false,
  clinicianPresent: false,
  participantId: 'me',
};
const admitted: JoinResult = { state: 'admitted', space: 'main', participantId: 'me' };

interface SetupOptions extends Partial<CallClientOptions> {
  join?: () => JoinResult;
  /** Requests the scripted server refuses with FORBIDDEN. */
  refuse?: (name: ClientRequestName, payload: unknown) => boolean;
}

function setup(options: SetupOptions = {}) {
  const { join: joinAnswer, refuse, ...rest } = options;
  const join = joinAnswer ?? (() => waiting);
  const sockets: FakeSocket[] = [];
  const devices = fakeMediaDevices();
  const media = fakeDeviceFactory();
  const respond = (name: ClientRequestName, payload: unknown) => {
    if (refuse?.(name, payload)) throw { code: 'FORBIDDEN', message: 'refused' };
    return name === 'room:join' ? join() : sfuAnswer(name, payload);
  };
  const client = new CallClient({
    token: 'token-for-tests',
    mediaDevices: devices,
    ...rest,
    createDevice: media.createDevice,
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
  return { client, socket, devices, camera: media.camera, state: () => client.getSnapshot() };
}

const produced = (socket: FakeSocket) =>
  socket.sent
    .filter((r) => r.name === 'media:produce')
    .map((r) => (r.payload as { source: string }).source);

describe('CallClient', () => {
  it('joins with the protocol version and waits without any media', async () => {
    const { client, socket, state } = setup();
    const result = await client.join({ sessionId: 's1' });
    // The connection names its session, for a load balancer to route by.
    expect(socket.io.opts.query).toEqual({ session: 's1' });
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

  it('loads its device with the capabilities that came with the admission, without asking', async () => {
    const { client, socket } = setup();
    await client.join({ sessionId: 's1' });
    const routerRtpCapabilities = testFakeParameters.generateRouterRtpCapabilities();
    socket.push('you:status', { state: 'admitted', space: 'main', routerRtpCapabilities });
    await settle();
    expect(socket.names()).toContain('media:ready');
    expect(socket.names()).not.toContain('media:capabilities');
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

  it('sends the camera layers the server wants, and every layer again after a media reset', async () => {
    const { client, socket, camera } = setup({ join: () => admitted });
    await client.join({ sessionId: 's1' });
    await settle();
    const first = camera();
    expect(first?.maxSpatialLayer).toBeUndefined();
    socket.push('media:layersWanted', { producerId: 'own-camera', spatialLayer: 0 });
    await settle();
    expect(first?.maxSpatialLayer).toBe(0);

    socket.push('media:reset', { reason: 'worker_died' });
    await settle();
    const second = camera();
    expect(second).not.toBe(first);
    expect(second?.maxSpatialLayer).toBeUndefined();
    socket.push('media:layersWanted', { producerId: 'own-camera', spatialLayer: 1 });
    await settle();
    expect(second?.maxSpatialLayer).toBe(1);
    await client.leave();
  });

  it('sets its media up again when the server lost it, without rejoining', async () => {
    const { client, socket, state } = setup({ join: () => admitted });
    await client.join({ sessionId: 's1' });
    await settle();
    socket.push('media:reset', { reason: 'worker_died' });
    await settle();
    expect(state().self).toEqual({ state: 'admitted', space: 'main' });
    expect(socket.names().filter((n) => n === 'room:join')).toHaveLength(1);
    expect(socket.names().filter((n) => n === 'media:capabilities')).toHaveLength(2);
    expect(socket.names().filter((n) => n === 'media:produce')).toHaveLength(4);
    await client.leave();
  });

  it('sends the check-in with the first join only, not again on reconnection', async () => {
    const { client, socket } = setup({ join: () => admitted });
    const checkIn = {
      location: 'Home',
      state: 'NY' as const,
      atHome: true,
      privatePlace: true,
      emergencyContact: { name: 'Robin', phone: '555-0100' },
      agreedToRules: true as const,
    };
    await client.join({ sessionId: 's1', checkIn });
    socket.drop();
    socket.reconnect();
    await settle();
    const joins = socket.sent.filter((r) => r.name === 'room:join').map((r) => r.payload);
    expect(joins).toHaveLength(2);
    expect(joins[0]).toMatchObject({ checkIn });
    expect(joins[1]).not.toHaveProperty('checkIn');
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

  it('leaving while the link is being restored waits for it, so the server hears of it', async () => {
    const { client, socket } = setup({ join: () => admitted });
    await client.join({ sessionId: 's1' });
    await settle();
    socket.drop();
    const before = socket.names().length;
    const left = client.leave();
    await settle();
    expect(socket.names()).not.toContain('room:leave');
    socket.reconnect();
    await left;
    // Joined again first (the server must know the socket), then left.
    const after = socket.names().slice(before);
    expect(after[0]).toBe('room:join');
    expect(after.at(-1)).toBe('room:leave');
    // Back only to say goodbye: no media was set up again meanwhile.
    expect(after).not.toContain('media:ready');
  });

  it('leaving while the link is being restored ends, even when the server refuses the return', async () => {
    let answer: () => JoinResult = () => admitted;
    const { client, socket, state } = setup({ join: () => answer() });
    await client.join({ sessionId: 's1' });
    await settle();
    socket.drop();
    const left = client.leave();
    answer = () => {
      throw { code: 'SESSION_ENDED', message: 'ended' };
    };
    socket.reconnect();
    await left;
    expect(state().connection).toBe('closed');
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

  it('settles a join by the server’s answer, however late: a timeout only reports the wait', async () => {
    const { client, socket, state } = setup({
      connectTimeoutMs: 5,
      join: () => {
        throw { code: 'CHECK_IN_REQUIRED', message: 'check in first' };
      },
    });
    socket.connect = function (this: FakeSocket) {
      this.active = true;
      return this;
    };
    let outcome: unknown = 'pending';
    const joined = client.join({ sessionId: 's1' }).catch((error: unknown) => {
      outcome = error;
    });
    await settle();
    expect(state().lastError).toMatchObject({ code: 'TIMEOUT', fatal: false });
    expect(outcome).toBe('pending');
    socket.reconnect();
    await joined;
    expect(outcome).toMatchObject({ code: 'CHECK_IN_REQUIRED' });
  });

  it('keeps a join open through a failure it retries, and settles it with the final answer', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const answers = ['INTERNAL', 'CHECK_IN_REQUIRED'];
      const { client, state } = setup({
        join: () => {
          throw { code: answers.shift(), message: 'no' };
        },
      });
      let outcome: unknown = 'pending';
      const joined = client.join({ sessionId: 's1' }).catch((error: unknown) => {
        outcome = error;
      });
      await vi.advanceTimersByTimeAsync(100);
      expect(state().lastError).toMatchObject({ code: 'INTERNAL', fatal: false });
      expect(outcome).toBe('pending');
      await vi.advanceTimersByTimeAsync(3_000);
      await joined;
      expect(outcome).toMatchObject({ code: 'CHECK_IN_REQUIRED' });
    } finally {
      vi.useRealTimers();
    }
  });

  it('tries the handshake again when the server could not check it, instead of ending the call', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const { client, socket, state } = setup();
      socket.connect = function (this: FakeSocket) {
        return this;
      };
      const joined = client.join({ sessionId: 's1' });
      socket.push(
        'connect_error',
        Object.assign(new Error('INTERNAL'), { data: { code: 'INTERNAL' } }),
      );
      expect(state().lastError).toMatchObject({ code: 'INTERNAL', fatal: false });
      expect(state().connection).not.toBe('closed');
      socket.connect = FakeSocket.prototype.connect;
      await vi.advanceTimersByTimeAsync(3_000);
      await expect(joined).resolves.toMatchObject({ state: 'waiting' });
    } finally {
      vi.useRealTimers();
    }
  });

  it('shows nobody once the call has failed, and leaves nothing to see but the failure', async () => {
    const { client, socket, state } = setup({ join: () => admitted });
    await client.join({ sessionId: 's1' });
    socket.push('chat:message', { id: 'm1', fromId: 'p2', fromName: 'Pat', text: 'hi', at: 1 });
    socket.push('participant:joined', fakeParticipant('p2'));
    expect(state().roster.map((p) => p.id)).toContain('p2');
    socket.active = false;
    socket.push('disconnect', 'io server disconnect');
    expect(state().lastError).toMatchObject({ code: 'DISCONNECTED', fatal: true });
    expect(state().self).toEqual({ state: 'idle' });
    expect(state().roster).toEqual([]);
    expect(state().chat).toEqual([]);
  });

  it('closes a camera the browser opens only after the call has ended', async () => {
    // The microphone opens at once; the camera, turned on later, waits on the browser's
    // permission prompt while the call ends.
    let grant: (stream: MediaStream) => void = () => undefined;
    const late = new FakeTrack('video');
    const immediate = fakeMediaDevices();
    const devices = {
      getUserMedia: (constraints: MediaStreamConstraints) =>
        constraints.video
          ? new Promise<MediaStream>((resolve) => (grant = resolve))
          : immediate.getUserMedia(constraints),
    };
    const { client } = setup({ join: () => admitted, mediaDevices: devices, camera: false });
    await client.join({ sessionId: 's1' });
    await settle();
    const turningOn = client.setCameraEnabled(true).catch(() => undefined);
    await settle();
    await client.leave();
    grant({ getTracks: () => [asTrack(late)], getVideoTracks: () => [asTrack(late)] } as never);
    await turningOn;
    expect(late.readyState).toBe('ended');
  });

  it('starts media again when a start fails, on new transports', async () => {
    let refusals = 1;
    const { client, socket, state } = setup({
      join: () => admitted,
      mediaRetryMs: 20,
      refuse: (name) => name === 'media:ready' && refusals-- > 0,
    });
    await client.join({ sessionId: 's1' });
    await settle();
    expect(state().lastError).toMatchObject({ code: 'FORBIDDEN', fatal: false });
    await new Promise((r) => setTimeout(r, 80));
    expect(socket.names().filter((n) => n === 'media:ready')).toHaveLength(2);
    expect(produced(socket).sort()).toEqual(['camera', 'mic']);
    await client.leave();
  });

  it('keeps starting media while admitted, however often it fails, backing off', async () => {
    let refusals = 5;
    const { client, socket } = setup({
      join: () => admitted,
      mediaRetryMs: 1,
      refuse: (name) => name === 'media:ready' && refusals-- > 0,
    });
    await client.join({ sessionId: 's1' });
    await new Promise((r) => setTimeout(r, 150));
    expect(socket.names().filter((n) => n === 'media:ready')).toHaveLength(6);
    expect(produced(socket).sort()).toEqual(['camera', 'mic']);
    await client.leave();
  });

  it('starts with the microphone and camera off when a clinician’s locks were kept from before', async () => {
    const { client, socket, state } = setup();
    await client.join({ sessionId: 's1' });
    socket.push('you:status', { state: 'admitted', space: 'main' });
    socket.push(
      'room:snapshot',
      fakeSnapshot([fakeParticipant('me', { micLocked: true, cameraLocked: true })]),
    );
    await settle();
    expect(produced(socket)).toEqual([]);
    expect(state().local).toMatchObject({
      micEnabled: false,
      cameraEnabled: false,
      micLocked: true,
      cameraLocked: true,
    });
    expect(state().lastError).toBeNull();
    await client.leave();
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

  it('takes its own raised hand from the answer, since the room update goes to the others', async () => {
    const { client, state } = setup({ join: () => admitted });
    await client.join({ sessionId: 's1' });
    await client.raiseHand();
    expect(state().handRaised).toBe(true);
    expect(state().roster.find((p) => p.id === 'me')?.handRaisedAt).toBe(1_000);
    await client.lowerHand();
    expect(state().handRaised).toBe(false);
    expect(state().roster.find((p) => p.id === 'me')?.handRaisedAt).toBeNull();
    await client.leave();
  });

  it('asks a token function again before every connection', async () => {
    let issued = 0;
    const auth = handshakeAuth(async () => `token-${++issued}`);
    if (typeof auth !== 'function') throw new Error('expected the callback form');
    const tokens: unknown[] = [];
    const ask = () => new Promise<void>((done) => auth((data) => done(void tokens.push(data))));
    await ask();
    await ask();
    expect(tokens).toEqual([{ token: 'token-1' }, { token: 'token-2' }]);
    const failing = handshakeAuth(() => Promise.reject(new Error('offline')));
    if (typeof failing !== 'function') throw new Error('expected the callback form');
    expect(await new Promise((done) => failing(done))).toEqual({});
    expect(handshakeAuth('plain-token')).toEqual({ token: 'plain-token' });
  });

  it('takes over the tracks of a device check instead of asking again, with the chosen devices', async () => {
    const mic = new FakeTrack('audio');
    const { client, devices, state } = setup({
      camera: false,
      tracks: { mic: asTrack(mic) },
      devices: { mic: 'mic-2', camera: 'cam-2' },
    });
    await client.join({ sessionId: 's1' });
    await settle();
    expect(state().local.mic).toBe(mic);
    expect(devices.requests).toEqual([]);
    await client.setCameraEnabled(true);
    expect(devices.requests).toEqual([
      { audio: false, video: expect.objectContaining({ deviceId: { exact: 'cam-2' } }) },
    ]);
    await client.leave();
    expect(mic.readyState).toBe('ended');
  });

  it('switches to audio only: the camera producer closes, and comes back on the way out', async () => {
    const { client, socket, state } = setup({ join: () => admitted });
    await client.join({ sessionId: 's1' });
    await settle();
    await client.setAudioOnly(true);
    expect(state().local).toMatchObject({ audioOnly: true, cameraEnabled: false, camera: null });
    expect(socket.sent.at(-1)).toEqual({
      name: 'media:closeProducer',
      payload: { producerId: 'own-camera' },
    });
    await client.setAudioOnly(false);
    expect(state().local).toMatchObject({ audioOnly: false, cameraEnabled: true });
    expect(produced(socket).filter((s) => s === 'camera')).toHaveLength(2);
    await client.leave();
  });

  it('leaves audio only without opening a camera that was not on', async () => {
    const { client, devices, state } = setup({ join: () => admitted, listenOnly: true });
    await client.join({ sessionId: 's1' });
    await settle();
    await client.setAudioOnly(true);
    await client.setAudioOnly(false);
    expect(state().local).toMatchObject({ audioOnly: false, cameraEnabled: false, camera: null });
    expect(devices.requests).toEqual([]);
    await client.leave();
  });

  it('refuses to turn the camera back on while a clinician keeps it off', async () => {
    const { client, socket, state } = setup({ join: () => admitted });
    await client.join({ sessionId: 's1' });
    await settle();
    socket.push('you:notice', { kind: 'cameraStopped', locked: true });
    await settle();
    expect(state().local).toMatchObject({ cameraEnabled: false, cameraLocked: true });
    await expect(client.setCameraEnabled(true)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(client.setAudioOnly(false)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await client.leave();
  });

  it('pauses the camera while the system has it, and resumes it unless a clinician locked it', async () => {
    const { client, socket, state } = setup({ join: () => admitted });
    await client.join({ sessionId: 's1' });
    await settle();
    const camera = state().local.camera as unknown as FakeTrack;
    const systemMutes = (muted: boolean) => {
      camera.muted = muted;
      camera.dispatchEvent(new Event(muted ? 'mute' : 'unmute'));
      return settle();
    };
    const own = { producerId: 'own-camera' };
    await systemMutes(true);
    expect(socket.sent.at(-1)).toEqual({ name: 'media:pauseProducer', payload: own });
    expect(state().local).toMatchObject({ cameraEnabled: true, cameraMuted: true });
    await systemMutes(false);
    expect(socket.sent.at(-1)).toEqual({ name: 'media:resumeProducer', payload: own });
    expect(state().local).toMatchObject({ cameraEnabled: true, cameraMuted: false });

    await systemMutes(true);
    socket.push('you:notice', { kind: 'cameraStopped', locked: true });
    await settle();
    const count = socket.sent.length;
    await systemMutes(false);
    expect(socket.sent).toHaveLength(count);
    expect(state().local).toMatchObject({ cameraEnabled: false, cameraMuted: false });
    await client.leave();
  });

  it('keeps the screen on from the join until the call ends, and again whenever the page shows', async () => {
    const released = vi.fn(async () => undefined);
    const request = vi.fn(async () => ({ release: released }));
    const page = Object.assign(new EventTarget(), { visibilityState: 'visible' });
    vi.stubGlobal('navigator', { wakeLock: { request } });
    vi.stubGlobal('document', page);
    try {
      const { client } = setup();
      await client.join({ sessionId: 's1' });
      expect(request).toHaveBeenCalledWith('screen');
      page.visibilityState = 'hidden';
      page.dispatchEvent(new Event('visibilitychange'));
      page.visibilityState = 'visible';
      page.dispatchEvent(new Event('visibilitychange'));
      expect(request).toHaveBeenCalledTimes(2);
      await client.leave();
      await settle();
      expect(released).toHaveBeenCalledTimes(1);
      page.dispatchEvent(new Event('visibilitychange'));
      expect(request).toHaveBeenCalledTimes(2);
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('shares a screen and stops sharing', async () => {
    const { client, socket, state } = setup({ join: () => admitted, listenOnly: true });
    await client.join({ sessionId: 's1' });
    await settle();
    await client.shareScreen(true);
    expect(produced(socket)).toEqual(['screen']);
    const screen = state().local.screen;
    expect(screen).not.toBeNull();
    await client.shareScreen(false);
    expect(state().local.screen).toBeNull();
    expect(screen?.readyState).toBe('ended');
    expect(socket.sent.at(-1)?.name).toBe('media:closeProducer');
    await client.leave();
  });

  it('stops the screen and reports the refusal when the server will not take it', async () => {
    const { client, state } = setup({
      join: () => admitted,
      listenOnly: true,
      refuse: (name, payload) =>
        name === 'media:produce' && (payload as { source: string }).source === 'screen',
    });
    await client.join({ sessionId: 's1' });
    await settle();
    await expect(client.shareScreen(true)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(state().local.screen).toBeNull();
    expect(state().lastError).toMatchObject({ code: 'FORBIDDEN', fatal: false });
    await client.leave();
  });
});
