import type { DeviceSource } from '../../call/types';

/**
 * Opens devices one at a time, and of the picks made meanwhile only the latest of each
 * source: arrowing through a closed list picks every device on the way (some browsers
 * fire a change for each), and only the last one is wanted. `busy` says when opening
 * starts and when the last pick is done. A device that will not open is the call's to
 * report; the one in use stays.
 */
export function latestPicks(
  open: (source: DeviceSource, deviceId: string) => Promise<void>,
  busy: (busy: boolean) => void,
): (source: DeviceSource, deviceId: string) => void {
  const pending = new Map<DeviceSource, string>();
  let running = false;
  const drain = async () => {
    running = true;
    busy(true);
    for (const [source, deviceId] of pending) {
      pending.delete(source);
      await open(source, deviceId).catch(() => undefined);
    }
    running = false;
    busy(false);
  };
  return (source, deviceId) => {
    pending.set(source, deviceId);
    if (!running) void drain();
  };
}
