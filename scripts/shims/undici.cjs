// What the build bundles for `import('undici')`: the two things src/api/http.ts uses, the Agent and fetch, from
// undici's own files. undici's index also loads its cookies module, whose first line reads the global Headers and so
// loads Node's bundled copy of undici too (a second HTTP stack, ~100-200 ms of start-up), plus websockets, mocks and
// caches nobody here uses. The tests run against the full package; this is undici's code, not a copy of it.
'use strict';

const Agent = require('undici/lib/dispatcher/agent');
const { fetch } = require('undici/lib/web/fetch');

module.exports = { Agent, fetch };
