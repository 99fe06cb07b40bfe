import dgram from 'node:dgram';
import { ConfigError, type Config } from './config.js';

/** Ports below this need root (or CAP_NET_BIND_SERVICE) to listen on. */
const FIRST_UNPRIVILEGED_PORT = 1024;

/**
 * Media sockets are opened only when a call sets up its transports: a listen address this
 * machine does not have, or privileged ports for a process that may not use them, would
 * let the server start, answer healthy, and fail every call. Checked at start instead,
 * with a message naming the variable.
 */
export async function checkMediaListen(sfu: Config['sfu']): Promise<void> {
  const root = process.getuid?.() === 0;
  if (sfu.rtcMinPort < FIRST_UNPRIVILEGED_PORT && !root)
    throw new ConfigError(
      `HAVEN_RTC_MIN_PORT: ${sfu.rtcMinPort} is below ${FIRST_UNPRIVILEGED_PORT}, which only root may listen on`,
    );
  const socket = dgram.createSocket(sfu.listenIp.includes(':') ? 'udp6' : 'udp4');
  try {
    await new Promise<void>((resolve, reject) => {
      socket.once('error', reject);
      socket.bind({ address: sfu.listenIp, port: 0 }, resolve);
    });
    socket.close();
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? String(err);
    throw new ConfigError(
      `HAVEN_RTC_LISTEN_IP: media cannot listen on ${sfu.listenIp} (${code}): it must be an address of this machine, or 0.0.0.0`,
    );
  }
}
