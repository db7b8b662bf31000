/**
 * createClient was given options it cannot work with (a URL parseServerUrl rejects, an unusable token).
 * The message is a sentence for the user and never contains the token; the CLI validates first.
 */
export class ClientConfigError extends Error {
  override readonly name = 'ClientConfigError';
}
