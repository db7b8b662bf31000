// The simulated authentik: a local HTTP server with authentik's paths, auth rules, shapes and quirks.
export { startSimulator } from './server.js';
export { DEMO_TOKEN, SCENARIO_NAMES } from './types.js';
export type { Fault, FaultScope, LicenseStatus, LoggedRequest, Permissions, ScenarioName, Simulator, SimulatorOptions } from './types.js';
export { KIND_OBJECTS, KINDS, type Kind, type KindObject } from './kinds/catalog.js';
export { DAY, HOUR, MINUTE } from './time.js';
