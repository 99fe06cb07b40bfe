import {
  PROTOCOL_VERSION,
  type ClientRequest,
  type ClientRequestName,
  type ClientResponses,
  type JoinResult,
  type Notice,
  type YourStatus,
} from '@haven/protocol';
import type { Device } from 'mediasoup-client';
import type { EndToEnd } from './e2ee/EndToEnd';
import { e2eeSupported } from './e2ee/support';
import { createDevice, localDtls, preloadDevice } from './device';
import { CallError, toCallError } from './errors';
import { LocalMedia } from './localMedia';
import { MediaSession } from './MediaSession';
import type { ReceiveStats, SendStats } from './stats';
import { openSocket, routeToSession, type CallClientOptions, type JoinOptions } from './options';
import { createRequester, type HavenSocket, type Requester } from './signaling';
import { wireSocket } from './socketEvents';
import { initialState, reduce } from './state';
import { Store } from './store';
import { Timers } from './timers';
import type { CallAction, CallState, DeviceSource, LocalSource } from './types';
import { keepScreenOn } from './wakeLock';

const NOTICE_MS = 10_000;
/** Join failures worth another try once the link is back. */
const MEDIA_RETRY_MS = 2_000;
/** How long a leave waits for a link being restored before it gives up telling the server. */
const LEAVE_WAIT_MS = 5_000;
/** Media keeps being tried while the person is admitted: at most this long apart. */
const MEDIA_RETRY_MAX_MS = 30_000;
/** Join failures tried again on the same connection after a pause. */
const RETRYABLE = new Set([
  'TIMEOUT',
  'DISCONNECTED',
  'RATE_LIMITED',
  'INTERNAL',
  // The session's host node is changing (it stopped, another takes over within a minute).
  'SESSION_ELSEWHERE',
]);

/**
 * One person's presence in one session: the signaling socket, the waiting room, and the
 * media once admitted. Framework-free; the UI reads `getSnapshot()` and `subscribe()`.
 */
export class CallClient {
  private readonly store = new Store<CallState>(initialState());
  readonly subscribe = this.store.subscribe;
  readonly getSnapshot = this.store.getSnapshot;

  private readonly socket: HavenSocket;
  private readonly send: Requester;
  private readonly local: LocalMedia;
  private readonly createDevice: () => Promise<Device>;
  private readonly timers = new Timers();
  /** Media starts tried again since the last one that worked. */
  private mediaRetries = 0;
  private media: MediaSession | null = null;
  private joinArgs: JoinOptions | null = null;
  private pendingJoin: { resolve: (r: JoinResult) => void; reject: (e: CallError) => void } | null =
    null;
  private leaving: Promise<void> | null = null;
  /** Waiting for the next join to be answered (a leave asked for while reconnecting). */
  private rejoined: (() => void)[] = [];
  private closed = false;
  private pageVisible = true;
  /** The session's media is end-to-end encrypted: known from the first admission on. */
  private e2eeRequired = false;
  private e2ee: Promise<EndToEnd> | null = null;
  /** Set once the module has loaded: the roster reaches it on every change. */
  private e2eeReady: EndToEnd | null = null;
  /** Lets the screen sleep again; set from the join until the call ends. */
  private letSleep: (() => void) | null = null;

  constructor(private readonly options: CallClientOptions) {
    this.socket = openSocket(options);
    this.send = createRequester(this.socket, options.requestTimeoutMs ?? 10_000);
    const camera = options.camera ?? true;
    this.local = new LocalMedia(() => options.mediaDevices ?? globalThis.navigator?.mediaDevices, {
      wants: { mic: !options.listenOnly, camera: !options.listenOnly && camera },
      devices: options.devices,
      tracks: options.tracks,
      onLost: (source) => void this.applyLocal(source, false).catch(() => undefined),
      // The person's choice stands: the camera's producer pauses while the system has the
      // camera (the minutes count as audio only) and resumes by itself once it is back.
      onMuted: () => {
        this.pushLocal();
        void this.media?.sync('camera').catch(() => undefined);
      },
    });
    this.createDevice = options.createDevice ?? createDevice;
    wireSocket(this.socket, {
      dispatch: (action) => this.dispatch(action),
      media: () => this.media,
      isClosed: () => this.closed,
      onConnect: () => void this.sendJoin(),
      onDropped: () => this.closeMedia(),
      onStatus: (status) => this.applyStatus(status),
      onMediaReset: () => this.restartMedia(),
      onNotice: (notice) => this.onNotice(notice),
      onSnapshot: ({ e2ee }) => {
        this.followLocks();
        // The room says it is encrypted (as its badge shows): media follows, whatever the admission said.
        if (e2ee && !this.e2eeRequired) {
          this.e2eeRequired = true;
          this.restartMedia();
        }
      },
      onE2ee: (event) =>
        void this.endToEnd().then((e2ee) =>
          'key' in event ? e2ee.received(event) : e2ee.asked(event.fromId),
        ),
      onFinal: () => this.shutdown(),
      onFatal: (error) => this.fail(error),
      onRetrying: (error) => this.report(error),
      later: (ms, task) => this.timers.after(ms, task),
      departureMs: options.departureMs ?? 4_000,
    });
  }

  /**
   * Connects and asks to join; resolves once the server placed us (waiting or admitted),
   * rejects once it refused. A server slow to answer is reported as TIMEOUT meanwhile, and
   * the call goes on trying: its answer, even late, still settles the join (a late
   * CHECK_IN_REQUIRED must still bring the patient back to the form).
   */
  join(args: JoinOptions): Promise<JoinResult> {
    if (this.closed) return Promise.reject(new CallError('INVALID_STATE', 'this call is closed'));
    if (this.joinArgs)
      return Promise.reject(new CallError('CONFLICT', 'join() was already called'));
    this.joinArgs = args;
    this.dispatch({ type: 'joining' });
    this.dispatch({ type: 'connection', connection: 'connecting' });
    this.letSleep ??= keepScreenOn();
    const joined = new Promise<JoinResult>((resolve, reject) => {
      this.pendingJoin = { resolve, reject };
    });
    const timer = this.timers.after(this.options.connectTimeoutMs ?? 20_000, () =>
      this.report(new CallError('TIMEOUT', 'could not reach the server')),
    );
    // The media engine downloads while the socket connects and the server admits us.
    if (!this.options.createDevice) preloadDevice();
    void this.openDevices();
    routeToSession(this.socket, args.sessionId);
    if (this.socket.connected) void this.sendJoin();
    else this.socket.connect();
    return joined.finally(() => this.timers.cancel(timer));
  }

  /** Any request of the protocol (moderation included); answers the data or throws a CallError. */
  request<K extends ClientRequestName>(
    name: K,
    payload: ClientRequest<K>,
  ): Promise<ClientResponses[K]> {
    return this.send(name, payload);
  }

  async setMicEnabled(on: boolean): Promise<void> {
    if (on && this.getSnapshot().local.micLocked) {
      this.reject(new CallError('FORBIDDEN', 'the microphone was locked by the clinician'));
    }
    await this.applyLocal('mic', on).catch((error: unknown) => this.reject(error));
  }

  async setCameraEnabled(on: boolean): Promise<void> {
    if (on) this.assertCameraUnlocked();
    await this.applyLocal('camera', on).catch((error: unknown) => this.reject(error));
  }

  /**
   * Audio only: the camera goes off and its producer is closed, so the server counts
   * these minutes as audio only. Switching back opens the camera again.
   */
  async setAudioOnly(on: boolean): Promise<void> {
    if (!on) this.assertCameraUnlocked();
    await this.run('camera', () => this.local.setAudioOnly(on)).catch((error: unknown) =>
      this.reject(error),
    );
  }

  /** Uses another microphone or camera (a `MediaDeviceInfo.deviceId`), mid-call included. */
  async setDevice(source: DeviceSource, deviceId: string): Promise<void> {
    await this.run(source, () => this.local.setDevice(source, deviceId)).catch((error: unknown) =>
      this.reject(error),
    );
  }

  /**
   * Shares a screen, window or tab (the browser asks which), or stops sharing. Staff only:
   * the server refuses a patient's screen. Stopping from the browser's own bar works too.
   */
  async shareScreen(on: boolean): Promise<void> {
    try {
      await this.applyLocal('screen', on);
    } catch (error) {
      // Refused (by the person in the browser's picker, or by the server): not sharing.
      if (on) await this.applyLocal('screen', false).catch(() => undefined);
      const failure = toCallError(error);
      // Cancelling the browser's picker is a choice, not a failure.
      if (failure.code === 'DEVICE_DENIED') return;
      this.reject(failure);
    }
  }

  raiseHand(): Promise<void> {
    return this.setHand(true);
  }

  lowerHand(): Promise<void> {
    return this.setHand(false);
  }

  async sendChat(text: string): Promise<void> {
    const body = text.trim();
    if (!body) return;
    const { messageId } = await this.send('chat:send', { text: body }).catch((error: unknown) =>
      this.reject(error),
    );
    const state = this.getSnapshot();
    const me = state.roster.find((p) => p.id === state.selfId);
    this.dispatch({
      type: 'chat',
      message: {
        id: messageId,
        fromId: state.selfId ?? '',
        fromName: me?.displayName ?? 'You',
        text: body,
        at: Date.now(),
      },
    });
  }

  /** Asks the server for a lower or higher simulcast layer of one received video (0 = smallest). */
  setPreferredLayer(consumerId: string, spatialLayer: number): Promise<void> {
    return this.media?.setPreferredLayer(consumerId, spatialLayer) ?? Promise.resolve();
  }

  /**
   * The page was hidden (minimised, a background tab) or shown again: while hidden, no
   * received video flows. Sound is never paused.
   */
  setPageVisible(visible: boolean): Promise<void> {
    if (visible === this.pageVisible) return Promise.resolve();
    this.pageVisible = visible;
    return this.media?.syncReceive() ?? Promise.resolve();
  }

  /** A received video's tile came into view or left it; out of view, it is not received. */
  setVideoInView(consumerId: string, inView: boolean): Promise<void> {
    return this.media?.setInView(consumerId, inView) ?? Promise.resolve();
  }

  /** What this browser receives, per consumer: decoded frames, packets, loss and jitter. */
  receiveStats(): Promise<ReceiveStats[]> {
    return this.media?.receiveStats() ?? Promise.resolve([]);
  }

  /** How this browser's own media reaches the server, per producer: loss, round trip, jitter. */
  sendStats(): Promise<SendStats[]> {
    return this.media?.sendStats() ?? Promise.resolve([]);
  }

  dismissNotice(id: number): void {
    this.dispatch({ type: 'dismissNotice', id });
  }

  clearError(): void {
    this.dispatch({ type: 'error', error: null });
  }

  /**
   * Says goodbye to the server, closes the media, releases the devices, disconnects. Safe
   * twice. Asked while the link is being restored, it waits a few seconds for it, so that
   * the record says the person left rather than that their connection dropped.
   */
  leave(): Promise<void> {
    this.leaving ??= (async () => {
      if (!this.closed && this.joinArgs && !this.socket.connected && this.socket.active)
        await new Promise<void>((resolve) => {
          this.rejoined.push(resolve);
          this.timers.after(LEAVE_WAIT_MS, resolve);
        });
      if (!this.closed && this.joinArgs && this.socket.connected) {
        await this.send('room:leave', {}, 3_000).catch(() => undefined);
      }
      this.dispatch({ type: 'left' });
      this.shutdown();
    })();
    return this.leaving;
  }

  private async setHand(raised: boolean): Promise<void> {
    const name = raised ? 'hand:raise' : 'hand:lower';
    const { participant } = await this.send(name, {}).catch((error: unknown) => this.reject(error));
    // The answer carries this person's new state; the room's update goes only to the others.
    this.dispatch({ type: 'participantUpserted', participant });
    this.dispatch({ type: 'hand', raised });
  }

  private async sendJoin(): Promise<void> {
    const args = this.joinArgs;
    if (!args || this.closed) return;
    try {
      const result = await this.send('room:join', {
        protocolVersion: PROTOCOL_VERSION,
        sessionId: args.sessionId,
        ...(args.checkIn ? { checkIn: args.checkIn } : {}),
      });
      if (this.closed) return;
      // A connection problem reported while trying is over now.
      if (RETRYABLE.has(this.getSnapshot().lastError?.code ?? '')) this.clearError();
      // The server keeps the check-in: a reconnection must not record it again.
      if (args.checkIn) this.joinArgs = { sessionId: args.sessionId };
      this.dispatch({ type: 'joined', participantId: result.participantId });
      this.applyStatus(result);
      this.settleJoin(result);
      for (const resolve of this.rejoined.splice(0)) resolve();
    } catch (error) {
      const failure = toCallError(error);
      if (this.closed) return;
      if (!RETRYABLE.has(failure.code)) {
        this.settleJoin(failure);
        this.fail(failure);
        return;
      }
      // Tried again: the join settles with the answer that ends the trying.
      this.report(failure);
      this.timers.after(3_000, () => {
        if (this.socket.connected) void this.sendJoin();
      });
    }
  }

  private settleJoin(outcome: JoinResult | CallError): void {
    const pending = this.pendingJoin;
    this.pendingJoin = null;
    if (!pending) return;
    if (outcome instanceof CallError) pending.reject(outcome);
    else pending.resolve(outcome);
  }

  private applyStatus(status: YourStatus): void {
    this.dispatch({ type: 'status', status });
    if (status.state === 'waiting') {
      this.closeMedia();
      this.mediaRetries = 0;
      return;
    }
    // Back only to say goodbye: no microphone or camera reaches the group meanwhile.
    if (this.leaving) return;
    if (this.media && !this.media.isClosed) return;
    if (status.e2ee) this.e2eeRequired = true;
    if (this.e2eeRequired && !this.options.createDevice && !e2eeSupported()) {
      // It says why, then leaves: recorded as leaving, not as a drop.
      this.report(new CallError('E2EE_UNSUPPORTED', 'no RTCRtpScriptTransform'), true);
      void this.send('room:leave', {}, 3_000).finally(() => this.shutdown());
      return;
    }
    const media = new MediaSession({
      request: this.send,
      dispatch: (action) => this.dispatch(action),
      selfId: () => this.getSnapshot().selfId,
      local: this.local,
      createDevice: this.createDevice,
      // The certificate belongs with the real media engine; a device given for tests has none.
      ...(!this.options.createDevice && { localDtls }),
      report: (error) => this.report(error),
      lost: () => this.retryMedia(media),
      receiveVideo: () => !this.local.state().audioOnly,
      pageVisible: () => this.pageVisible,
      ...(status.routerRtpCapabilities && { routerRtpCapabilities: status.routerRtpCapabilities }),
      ...(this.e2eeRequired && { e2ee: () => this.endToEnd() }),
    });
    this.media = media;
    media.start().then(
      () => {
        this.mediaRetries = 0;
      },
      (error: unknown) => {
        if (media.isClosed) return;
        this.report(toCallError(error));
        this.retryMedia(media);
      },
    );
  }

  /**
   * A media start that failed (a request timed out on a weak link, say) would leave the
   * person admitted but neither heard nor hearing: it starts again on new transports,
   * after 2, 4, 8... seconds and then every 30, for as long as the person stays admitted,
   * unless something else has replaced it meanwhile.
   */
  private retryMedia(failed: MediaSession): void {
    const first = this.options.mediaRetryMs ?? MEDIA_RETRY_MS;
    const delay = Math.min(first * 2 ** this.mediaRetries, MEDIA_RETRY_MAX_MS);
    this.mediaRetries += 1;
    this.timers.after(delay, () => {
      if (this.closed || this.media !== failed || !this.socket.connected) return;
      this.restartMedia();
    });
  }

  /** New transports on the server's new router; the person keeps their place. */
  private restartMedia(): void {
    if (!this.media) return;
    const { roster, selfId } = this.getSnapshot();
    const space = roster.find((p) => p.id === selfId)?.space ?? 'main';
    this.closeMedia();
    this.applyStatus({ state: 'admitted', space });
  }

  private onNotice(notice: Notice): void {
    this.dispatch({ type: 'notice', notice, at: Date.now() });
    const id = this.getSnapshot().notices.at(-1)?.id;
    if (id !== undefined) this.timers.after(NOTICE_MS, () => this.dismissNotice(id));
    // The server already paused the producer; follow it locally so the controls tell the truth.
    if (notice.kind === 'muted') void this.applyLocal('mic', false).catch(() => undefined);
    if (notice.kind === 'cameraStopped')
      void this.applyLocal('camera', false).catch(() => undefined);
  }

  /**
   * A clinician's lock kept from before this page joined (a reload, a rejoin): the
   * microphone or camera starts off, as when the lock came, instead of being refused.
   */
  private followLocks(): void {
    const { local } = this.getSnapshot();
    if (local.micLocked && local.micEnabled)
      void this.applyLocal('mic', false).catch(() => undefined);
    if (local.cameraLocked && local.cameraEnabled)
      void this.applyLocal('camera', false).catch(() => undefined);
  }

  private async openDevices(): Promise<void> {
    const problem = await this.local.open();
    if (this.closed) {
      this.local.stopAll();
      return;
    }
    this.pushLocal();
    if (problem) this.report(problem);
    await Promise.all([this.media?.sync('mic'), this.media?.sync('camera')]).catch(
      (error: unknown) => this.report(toCallError(error)),
    );
  }

  private applyLocal(source: LocalSource, on: boolean): Promise<void> {
    return this.run(source, () => this.local.setEnabled(source, on));
  }

  /** Changes the local media, shows the change, then brings the producer in line. */
  private async run(source: LocalSource, change: () => Promise<void>): Promise<void> {
    if (this.closed) return;
    try {
      await change();
    } finally {
      this.pushLocal();
    }
    await Promise.all([this.media?.sync(source), this.media?.syncReceive()]);
  }

  private assertCameraUnlocked(): void {
    if (this.getSnapshot().local.cameraLocked) {
      this.reject(new CallError('FORBIDDEN', 'the camera was turned off by the clinician'));
    }
  }

  private pushLocal(): void {
    this.dispatch({ type: 'local', local: this.local.state() });
  }

  private closeMedia(): void {
    this.media?.close();
    this.media = null;
  }

  private report(error: CallError, fatal = false): void {
    const { code, message } = error;
    this.dispatch({ type: 'error', error: { code, message, fatal } });
  }

  /** Records a failure of a user action as the last error and rethrows it as a CallError. */
  private reject(error: unknown): never {
    const failure = toCallError(error);
    this.report(failure);
    throw failure;
  }

  private fail(error: CallError): void {
    this.report(error, true);
    this.shutdown();
  }

  /** This page's end-to-end encryption, loaded on first need (only such sessions download it). */
  private endToEnd(): Promise<EndToEnd> {
    this.e2ee ??= import('./e2ee').then(
      ({ createEndToEnd }) => {
        const e2ee = createEndToEnd(this.send);
        if (this.closed) e2ee.close();
        this.e2eeReady = e2ee;
        const { selfId, roster } = this.getSnapshot();
        e2ee.update(selfId, roster);
        return e2ee;
      },
      (error: unknown) => {
        // Not downloaded (the link dropped, say): the next media attempt tries again.
        this.e2ee = null;
        throw error;
      },
    );
    return this.e2ee;
  }

  private shutdown(): void {
    if (this.closed) return;
    this.closed = true;
    this.closeMedia();
    this.e2eeReady?.close();
    this.letSleep?.();
    this.local.stopAll();
    this.pushLocal();
    this.timers.clear();
    // A leave waiting for the link is not kept waiting by a link that will not come.
    for (const resolve of this.rejoined.splice(0)) resolve();
    this.settleJoin(new CallError('INVALID_STATE', 'the call closed before joining'));
    this.socket.disconnect();
    this.dispatch({ type: 'connection', connection: 'closed' });
  }

  private dispatch(action: CallAction): void {
    this.store.update((state) => reduce(state, action));
    if (this.e2eeReady) {
      const { selfId, roster } = this.getSnapshot();
      this.e2eeReady.update(selfId, roster);
    }
  }
}
