import dgram from 'node:dgram';
import fs from 'node:fs';
import { ConfigError, type Config } from './config.js';

/**
 * The first port any process may listen on: Linux says (containers often lower it to 0);
 * elsewhere, 1024. Below it, only root (or CAP_NET_BIND_SERVICE) may.
 */
function firstUnprivilegedPort(): number {
  try {
    const value = Number(
      fs.readFileSync('/proc/sys/net/ipv4/ip_unprivileged_port_start', 'utf8').trim(),
    );
    return Number.isInteger(value) ? value : 1024;
  } catch {
    return 1024;
  }
}

/**
 * Media sockets are opened only when a call sets up its transports: a listen address this
 * machine does not have, or privileged ports for a process that may not use them, would
 * let the server start, answer healthy, and fail every call. Checked at start instead,
 * with a message naming the variable.
 */
export async function checkMediaListen(sfu: Config['sfu']): Promise<void> {
  const root = process.getuid?.() === 0;
  const first = firstUnprivilegedPort();
  if (sfu.rtcMinPort < first && !root)
    throw new ConfigError(
      `HAVEN_RTC_MIN_PORT: ${sfu.rtcMinPort} is below ${first}, which only root may listen on`,
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
