// aksync's version, inlined at build time (the bundle's chunks do not sit at a fixed depth below package.json).
import pkg from '../package.json' with { type: 'json' };

export const AKSYNC_VERSION: string = pkg.version;
