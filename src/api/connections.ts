// The HTTP agents this process opened, so a one-shot command can close their kept-alive sockets when it is done.
// A kept-alive socket holds the event loop for undici's keep-alive time (4 s): `aksync status` would end seconds
// after printing its line, and a monitoring agent waits for the process. No imports, so main can load it for free.

interface Closable {
  destroy(): Promise<void>;
}

const open = new Set<Closable>();

export function trackConnections(agent: Closable): void {
  open.add(agent);
}

/** Closes every connection at once (in-flight requests are cancelled: the command has its answer). */
export async function closeConnections(): Promise<void> {
  const agents = [...open];
  open.clear();
  await Promise.allSettled(agents.map((agent) => agent.destroy()));
}
