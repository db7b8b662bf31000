import { AKSYNC_VERSION } from '../version.js';

/** `aksync/<version> (+node <node version>)` */
export function defaultUserAgent(): string {
  return `aksync/${AKSYNC_VERSION} (+node ${process.versions.node})`;
}
