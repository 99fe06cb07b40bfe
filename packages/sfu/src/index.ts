export { WorkerPool, ROOM_WEIGHT, type WorkerPoolEvents, type WorkerLoad } from './worker-pool.js';
export { RoomMedia, type RoomMediaEvents, type RoomCloseReason } from './room-media.js';
export { PeerMedia, type PeerMediaEvents } from './peer-media.js';
export type { ProduceRequest } from './peer-producers.js';
export type { ConsumerInfo, ConsumerLayers } from './shared.js';
export type { SfuConfig } from './config.js';
export { mediaCodecs } from './codecs.js';
export { TypedEmitter, type Listener } from './typed-emitter.js';
export { silentLogger, type Logger } from './logger.js';
