import { expect } from 'vitest';
import { ApiError, type ApiErrorKind } from '../errors.js';

export const TOKEN = 'ak-Secret-Token-7f3c9e21d4b8a6';

/**
 * The promise rejects with an ApiError of this kind whose message is one safe line and which carries the token
 * nowhere: not in its message, its stack, its JSON, or any property.
 */
export async function expectApiError(promise: Promise<unknown>, kind: ApiErrorKind): Promise<ApiError> {
  let caught: unknown;
  try {
    await promise;
  } catch (error) {
    caught = error;
  }
  expect(caught, 'expected the call to reject').toBeInstanceOf(ApiError);
  const error = caught as ApiError;
  expect({ kind: error.kind, message: error.message }).toMatchObject({ kind });
  expect(error.message).not.toContain(TOKEN);
  expect(String(error.stack)).not.toContain(TOKEN);
  expect(JSON.stringify(error)).not.toContain(TOKEN);
  expect(JSON.stringify(Object.getOwnPropertyNames(error).map((k) => String((error as unknown as Record<string, unknown>)[k])))).not.toContain(TOKEN);
  expect(error.cause).toBeUndefined();
  // eslint-disable-next-line no-control-regex
  expect(error.message).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
  // One sentence: it ends as a sentence does, or with the ellipsis of text cut short.
  expect(error.message).toMatch(/[.?!)…]$/);
  return error;
}
