export { CallClient } from './CallClient';
export type { CallClientOptions, JoinOptions, TokenSource } from './options';
export type { DeviceChoice, MediaDevicesLike } from './localMedia';
export type { ReceiveStats, SendStats } from './stats';
export { CallError, type CallErrorCode, type ErrorInfo } from './errors';
export type * from './types';
