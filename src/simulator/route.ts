import type { Reply } from './http.js';
import type { SimulatorState } from './state.js';
import type { Features } from './version.js';

export interface RouteContext {
  method: string;
  query: URLSearchParams;
  /** the parsed JSON request body, or undefined when there was none */
  body: unknown;
  state: SimulatorState;
  features: Features;
  now: Date;
}

export type Handler = (ctx: RouteContext, params: string[]) => Reply;

/** A path under /api/v3 (trailing slash included, as Django's URLs have it) and its handlers by method. */
export interface Route {
  pattern: RegExp;
  methods: Partial<Record<string, Handler>>;
  /** the route exists only on the versions this admits (Django's 404 page elsewhere) */
  when?: ((f: Features) => boolean) | undefined;
}
