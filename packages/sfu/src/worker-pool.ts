import { HavenError } from '@haven/protocol';
import * as mediasoup from 'mediasoup';
import type { types } from 'mediasoup';
import { mediaCodecs } from './codecs.js';
import { resolveConfig, type ResolvedSfuConfig, type SfuConfig } from './config.js';
import { invalidState, toMediaError } from './errors.js';
import { childLogger, silentLogger, type Logger } from './logger.js';
import { RoomMedia, type RoomCloseReason } from './room-media.js';
import { TypedEmitter } from './typed-emitter.js';

export interface WorkerPoolEvents {
  /** A worker process died; the rooms it carried are closed with reason 'workerDied'. */
  workerDied: { pid: number; error: Error; roomIds: string[] };
}

export interface WorkerLoad {
  pid: number;
  rooms: number;
  consumers: number;
}

/**
 * How much an open room weighs in placement, counted in consumers. A room is created
 * when its session opens, before anyone receives media, so even an empty room reserves
 * part of the load a group will bring: about ten people each receiving the others'
 * audio and video make some 180 consumers once full, and 100 sits between the two.
 */
export const ROOM_WEIGHT = 100;

/** Delay before trying again to replace a dead worker whose replacement failed to start. */
const RESPAWN_RETRY_MS = 1000;
/** How long close() waits for worker processes to exit. */
const EXIT_TIMEOUT_MS = 3000;

interface Slot {
  readonly worker: types.Worker;
  readonly rooms: Map<string, RoomMedia>;
  /** Rooms closed because this worker died, reported with the 'workerDied' event. */
  readonly lost: string[];
}

/**
 * The mediasoup worker processes and the rooms on them. A room goes to the least
 * loaded worker, where load = consumers + ROOM_WEIGHT x rooms (ties: fewer rooms, then
 * the older worker). A worker that dies takes its rooms down ('workerDied') and is
 * replaced, so later rooms work.
 */
export class WorkerPool extends TypedEmitter<WorkerPoolEvents> {
  readonly #config: ResolvedSfuConfig;
  readonly #log: Logger;
  readonly #slots: Slot[] = [];
  readonly #rooms = new Map<string, RoomMedia>();
  readonly #creating = new Map<string, Promise<RoomMedia>>();
  readonly #respawning = new Set<Promise<void>>();
  readonly #timers = new Set<NodeJS.Timeout>();
  #closed = false;
  #closing: Promise<void> | undefined;

  static async create(config: SfuConfig, logger: Logger = silentLogger): Promise<WorkerPool> {
    const pool = new WorkerPool(resolveConfig(config), childLogger(logger, { module: 'sfu' }));
    try {
      for (let i = 0; i < pool.#config.numWorkers; i++) await pool.#spawn();
    } catch (error) {
      await pool.close();
      throw error;
    }
    return pool;
  }

  private constructor(config: ResolvedSfuConfig, logger: Logger) {
    super(() => logger);
    this.#config = config;
    this.#log = logger;
  }

  /** Kernel buffer each transport socket asks for (see SfuConfig.socketBufferBytes). */
  get socketBufferBytes(): number {
    return this.#config.socketBufferBytes;
  }

  get closed(): boolean {
    return this.#closed;
  }

  /**
   * The media of a session, on the least loaded worker. Asking again for an open room
   * (or one being created) answers the same room, so concurrent joins cannot race.
   */
  createRoom(roomId: string): Promise<RoomMedia> {
    if (this.closed) return Promise.reject(invalidState('the media pool is closed'));
    const existing = this.#rooms.get(roomId);
    if (existing) return Promise.resolve(existing);
    let creating = this.#creating.get(roomId);
    if (!creating) {
      creating = this.#createRoom(roomId).finally(() => this.#creating.delete(roomId));
      this.#creating.set(roomId, creating);
    }
    return creating;
  }

  getRoom(roomId: string): RoomMedia | undefined {
    return this.#rooms.get(roomId);
  }

  /** Live workers with their load, oldest first. */
  workers(): WorkerLoad[] {
    return this.#slots.map((slot) => ({
      pid: slot.worker.pid,
      rooms: slot.rooms.size,
      consumers: consumersOf(slot),
    }));
  }

  /** Closes every room, then every worker; resolves when the processes have exited. Safe twice. */
  close(): Promise<void> {
    if (this.#closing) return this.#closing;
    this.#closed = true;
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
    for (const room of [...this.#rooms.values()]) room.close();
    const exits = this.#slots.splice(0).map(({ worker }) => {
      const exit = exited(worker);
      worker.close();
      return exit;
    });
    this.#log.info({}, 'media worker pool closed');
    this.#closing = Promise.all(exits).then(() => undefined);
    return this.#closing;
  }

  async #createRoom(roomId: string): Promise<RoomMedia> {
    const slot = await this.#leastLoaded();
    let router: types.Router;
    try {
      router = await slot.worker.createRouter({ mediaCodecs: structuredClone([...mediaCodecs]) });
    } catch (error) {
      throw toMediaError(error, 'createRoom', this.#log, { roomId });
    }
    if (this.closed || router.closed) {
      router.close();
      throw this.closed
        ? invalidState('the media pool is closed')
        : new HavenError('MEDIA_ERROR', 'createRoom: the media worker went away');
    }
    const room = new RoomMedia({
      id: roomId,
      router,
      transport: this.#config.transport,
      layerDropDelayMs: this.#config.layerDropDelayMs,
      logger: childLogger(this.#log, { roomId }),
      onClose: (closed, reason) => this.#forget(slot, closed, reason),
    });
    slot.rooms.set(roomId, room);
    this.#rooms.set(roomId, room);
    this.#log.info({ roomId, pid: slot.worker.pid }, 'room media created');
    return room;
  }

  async #leastLoaded(): Promise<Slot> {
    if (this.#slots.length === 0 && this.#respawning.size > 0) {
      await Promise.allSettled([...this.#respawning]);
    }
    if (this.closed) throw invalidState('the media pool is closed');
    let best: Slot | undefined;
    for (const slot of this.#slots) {
      if (!best || compareLoad(slot, best) < 0) best = slot;
    }
    if (!best) throw new HavenError('MEDIA_ERROR', 'no media worker is available');
    return best;
  }

  #forget(slot: Slot, room: RoomMedia, reason: RoomCloseReason): void {
    if (slot.rooms.get(room.id) === room) slot.rooms.delete(room.id);
    if (this.#rooms.get(room.id) === room) this.#rooms.delete(room.id);
    if (reason === 'workerDied') slot.lost.push(room.id);
  }

  async #spawn(): Promise<void> {
    const worker = await mediasoup.createWorker({ logLevel: this.#config.logLevel });
    if (this.closed) {
      worker.close();
      return;
    }
    const slot: Slot = { worker, rooms: new Map(), lost: [] };
    worker.on('died', (error) => this.#onDied(slot, error));
    this.#slots.push(slot);
    this.#log.info({ pid: worker.pid }, 'media worker started');
  }

  #onDied(slot: Slot, error: Error): void {
    const index = this.#slots.indexOf(slot);
    if (index >= 0) this.#slots.splice(index, 1);
    // mediasoup closes the routers before reporting the death, so the rooms are already
    // closed (reason 'workerDied') and listed in `lost`; any left are closed here.
    for (const room of [...slot.rooms.values()]) {
      slot.lost.push(room.id);
      room.close();
    }
    const roomIds = [...new Set(slot.lost)];
    const pid = slot.worker.pid;
    this.#log.error({ pid, roomIds, err: error }, 'media worker died');
    this.emit('workerDied', { pid, error, roomIds });
    if (!this.closed) this.#respawn();
  }

  #respawn(): void {
    const attempt = this.#spawn().catch((error: unknown) => {
      this.#log.error({ err: error }, 'could not start a replacement media worker');
      if (this.closed) return;
      const timer = setTimeout(() => {
        this.#timers.delete(timer);
        this.#respawn();
      }, RESPAWN_RETRY_MS);
      timer.unref();
      this.#timers.add(timer);
    });
    this.#respawning.add(attempt);
    void attempt.finally(() => this.#respawning.delete(attempt));
  }
}

function consumersOf(slot: Slot): number {
  let count = 0;
  for (const room of slot.rooms.values()) count += room.consumerCount;
  return count;
}

/** Negative when `a` should take the next room before `b`; equal loads keep the older one. */
function compareLoad(a: Slot, b: Slot): number {
  const load = (slot: Slot): number => consumersOf(slot) + ROOM_WEIGHT * slot.rooms.size;
  return load(a) - load(b) || a.rooms.size - b.rooms.size;
}

function exited(worker: types.Worker): Promise<void> {
  if (worker.subprocessClosed) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, EXIT_TIMEOUT_MS);
    timer.unref();
    worker.once('subprocessclose', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}
