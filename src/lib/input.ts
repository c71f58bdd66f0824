// Type checks at the public boundary (docs/spec.md §2.1, §7) that run no caller code. `instanceof` runs a
// Proxy's getPrototypeOf trap, a property read runs a getter, String(x) runs toString: each lets a hostile
// value throw its own exception through the library. These checks read internal slots instead, and turn a
// throwing read into input_type.
import { fail, type ErrorFacts } from './errors.ts';

/** %TypedArray%.prototype[@@toStringTag]: the [[TypedArrayName]] slot, undefined for anything else (ECMA-262 §23.2.3.38). */
const typedArrayName = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(Uint8Array.prototype), Symbol.toStringTag)!.get!;

/** A real Uint8Array (a Node Buffer too); false for other typed arrays, DataView, ArrayBuffer, Proxies. */
export function isBytes(v: unknown): v is Uint8Array {
  return ArrayBuffer.isView(v) && typedArrayName.call(v) === 'Uint8Array';
}

export function assertBytes(v: unknown, facts?: ErrorFacts): asserts v is Uint8Array {
  if (!isBytes(v)) fail('input_type', facts);
}

/** `obj[name]` of an options bag or a caller-built object; not an object, or a read that throws → input_type. */
export function readField(obj: unknown, name: string): unknown {
  if (obj === null || typeof obj !== 'object') fail('input_type', { field: name });
  try {
    return (obj as Record<string, unknown>)[name];
  } catch {
    fail('input_type', { field: name });
  }
}
