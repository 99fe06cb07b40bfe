export * from './errors.js';
export * from './text.js';
export * from './roles.js';
export * from './media.js';
export * from './checkin.js';
export * from './room.js';
export * from './events.js';
export * from './http.js';
