export { CallClient } from './CallClient';
export type { CallClientOptions, JoinOptions } from './options';
export { CallError, type CallErrorCode, type ErrorInfo } from './errors';
export type * from './types';
