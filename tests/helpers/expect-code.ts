import { expect } from 'vitest';
import { ByokError, type ErrorCode } from '../../src/lib/index.ts';

/** Assert that a call or promise fails with a ByokError of exactly this code; returns the error. */
export async function expectCode(p: Promise<unknown> | (() => unknown), code: ErrorCode): Promise<ByokError> {
  let err: unknown;
  try {
    const r = typeof p === 'function' ? p() : p;
    if (r instanceof Promise) await r;
  } catch (e) {
    err = e;
  }
  expect(err, `expected ByokError ${code}, got no error`).toBeInstanceOf(ByokError);
  expect((err as ByokError).code).toBe(code);
  return err as ByokError;
}
