// The strict DER pre-check (spec §2.2): a value with more members than any key or certificate has is refused
// before any schema decoder sees it (issue 8 §5: 64 KB of INTEGERs in one SEQUENCE stalled the page).
import { describe, expect, test } from 'vitest';
import { assertSingleDer, MAX_DER_CHILDREN, MAX_INPUT_BYTES } from '../../src/lib/formats/der.ts';
import { describeDer } from '../../src/lib/formats/spki.ts';
import { parseTargetKey } from '../../src/lib/target-key.ts';
import { parseWrappingPublicKey } from '../../src/lib/wrapping-key.ts';
import { encodePem } from '../../src/lib/formats/pem.ts';
import { expectCode } from '../helpers/expect-code.ts';

/** One SEQUENCE of `count` one-byte INTEGERs (02 01 xx), DER. */
function wideSequence(count: number): Uint8Array {
  const body = new Uint8Array(count * 3);
  for (let i = 0; i < count; i++) body.set([0x02, 0x01, i & 0x7f], i * 3);
  const len = body.length;
  const header = len < 0x80 ? [0x30, len] : len < 0x100 ? [0x30, 0x81, len] : len < 0x10000 ? [0x30, 0x82, len >> 8, len & 0xff] : [0x30, 0x83, len >> 16, (len >> 8) & 0xff, len & 0xff];
  return Uint8Array.of(...header, ...body);
}

describe('members per constructed value', () => {
  const hostile = wideSequence(Math.floor((MAX_INPUT_BYTES - 5) / 3)); // just under 64 KiB: about 21,800 INTEGERs

  test('the hostile file is the size the issue measured', () => {
    expect(hostile.length).toBeLessThanOrEqual(MAX_INPUT_BYTES);
    expect(hostile.length).toBeGreaterThan(MAX_INPUT_BYTES - 8);
  });

  test(`${MAX_DER_CHILDREN} members pass the pre-check; one more → der_malformed naming the limit`, async () => {
    expect(assertSingleDer(wideSequence(MAX_DER_CHILDREN)).tag).toBe(0x30);
    const e = await expectCode(() => assertSingleDer(wideSequence(MAX_DER_CHILDREN + 1)), 'der_malformed');
    expect(e.facts).toMatchObject({ field: 'members', limit: MAX_DER_CHILDREN });
  });

  test('as a private key or a wrapping key, DER or PEM: refused by the pre-check', async () => {
    // PEM adds a third: the widest SEQUENCE that still fits 64 KiB as text
    const pemSized = wideSequence(Math.floor((MAX_INPUT_BYTES * 0.7) / 3));
    for (const input of [hostile, encodePem('PRIVATE KEY', pemSized)]) {
      expect((await expectCode(parseTargetKey(input), 'der_malformed')).facts.limit).toBe(MAX_DER_CHILDREN);
    }
    for (const input of [hostile, encodePem('PUBLIC KEY', pemSized)]) {
      expect((await expectCode(() => parseWrappingPublicKey(input), 'der_malformed')).facts.limit).toBe(MAX_DER_CHILDREN);
    }
    expect(describeDer(hostile)).toEqual({ kind: 'unknown', description: 'damaged or non-DER data' });
  });
});
