// `--insecure`: a dispatcher for the global fetch that skips certificate verification, for this client only.
// undici is not one of our dependencies, but Node's fetch is undici and keeps its global Agent under a
// well-known symbol once fetch has been called: its constructor is the same Agent class, so its instances are
// accepted as `dispatcher` on Node 20, 22 and 24 alike.

const GLOBAL_DISPATCHER = Symbol.for('undici.globalDispatcher.1');

interface AgentClass {
  new (options: { connect: { rejectUnauthorized: boolean } }): object;
}

export function createInsecureDispatcher(): object {
  // fetch loads undici (and installs the global Agent) synchronously on its first call; a data: URL never touches
  // the network.
  void fetch('data:,').catch(() => undefined);
  const current: unknown = (globalThis as Record<symbol, unknown>)[GLOBAL_DISPATCHER];
  const Agent = typeof current === 'object' && current !== null ? (current.constructor as unknown) : undefined;
  if (typeof Agent !== 'function' || Agent.name !== 'Agent') {
    throw new Error(
      '--insecure is not available on this Node.js version (its fetch exposes no Agent); install the server\'s CA with NODE_EXTRA_CA_CERTS instead.',
    );
  }
  return new (Agent as AgentClass)({ connect: { rejectUnauthorized: false } });
}
