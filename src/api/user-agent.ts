import { createRequire } from 'node:module';

// package.json sits two levels up from both src/api/ and dist/api/; a JSON import would fall outside the build's rootDir.
const require = createRequire(import.meta.url);

function packageVersion(): string {
  const pkg: unknown = require('../../package.json');
  const version = typeof pkg === 'object' && pkg !== null ? (pkg as { version?: unknown }).version : undefined;
  return typeof version === 'string' ? version : '0.0.0';
}

/** `aksync/<version> (+node <node version>)` */
export function defaultUserAgent(): string {
  return `aksync/${packageVersion()} (+node ${process.versions.node})`;
}
