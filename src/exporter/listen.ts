// `--listen HOST:PORT`: where the exporter binds. Loopback by default; anything else gets a warning, since the
// metrics name every server and sync source they watch.
import net from 'node:net';

export const DEFAULT_LISTEN = '127.0.0.1:9823';

export interface ListenAddress {
  host: string;
  port: number;
}

export type ParsedListen = { ok: true; address: ListenAddress } | { ok: false; reason: string };

/** `127.0.0.1:9823`, `[::1]:9823`, `localhost:9823`, `:9823` (every interface, as Prometheus's own flags read it). */
export function parseListen(text: string): ParsedListen {
  const bad = (why: string): ParsedListen => ({ ok: false, reason: `--listen takes HOST:PORT (127.0.0.1:9823, [::1]:9823, :9823): ${why}` });
  const match = /^(?:\[([0-9a-fA-F:.]+)\]|([^:[\]\s]*)):(\d{1,5})$/.exec(text);
  if (!match) return bad(`not '${text}'`);
  const host = match[1] ?? (match[2] === '' ? '0.0.0.0' : (match[2] as string));
  const port = Number(match[3]);
  if (port > 65535) return bad(`port ${port} is above 65535`);
  if (match[1] !== undefined && net.isIPv6(host) === false) return bad(`'${host}' is not an IPv6 address`);
  if (match[2] !== undefined && match[2] !== '' && !net.isIP(host) && !/^[a-zA-Z0-9]([a-zA-Z0-9.-]*[a-zA-Z0-9])?$/.test(host)) {
    return bad(`'${host}' is not a host name or address`);
  }
  return { ok: true, address: { host, port } };
}

export function isLoopback(host: string): boolean {
  if (host === 'localhost' || host === '::1') return true;
  return net.isIPv4(host) && host.startsWith('127.');
}

export function exposureWarning(address: ListenAddress): string | null {
  if (isLoopback(address.host)) return null;
  return (
    `listening on ${address.host}:${address.port}, not on loopback: whoever reaches this port reads the metrics, which name ` +
    'your authentik servers and sync sources. Put a reverse proxy with TLS and authentication in front (README, "Exporter"), or bind to 127.0.0.1.'
  );
}
