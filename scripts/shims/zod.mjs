// What the build bundles for `import { z } from 'zod'`: a `z` holding only the members zod-members.mjs lists.
export * as z from './zod-members.mjs';
