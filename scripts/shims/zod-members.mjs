// The members of `z` in the build (scripts/shims/zod.mjs): zod's classic API without its 50 locales, JSON Schema
// conversion and the rest aksync never calls (the `z` namespace holds them all, so nothing could be left out:
// 750 KB of code parsed by every command at start-up, 200 KB now). English messages stay (zod's own setup).
// Every `z.<name>` the sources use at run time must be listed here: test/build/zod-lean.test.ts checks it.
export {
  array,
  boolean,
  custom,
  discriminatedUnion,
  enum,
  int,
  literal,
  looseObject,
  NEVER,
  nullable,
  number,
  object,
  optional,
  record,
  strictObject,
  string,
  union,
  unknown,
  ZodError,
  ZodType,
} from 'aksync-zod-classic';
