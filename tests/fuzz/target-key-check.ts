// What a TargetKey returned from hostile input must satisfy: consistent public facts, and — checked by OpenSSL
// inside node:crypto, not by the library — a private key whose public half is exactly the one reported.
import { createHash, createPrivateKey, createPublicKey } from 'node:crypto';
import { expect } from 'vitest';
import { KEY_SPECS, exportTargetKey, type AsymmetricTargetKey } from '../../src/lib/index.ts';

const FORMATS = ['pkcs8', 'encrypted-pkcs8', 'pkcs1', 'sec1', 'jwk'];
/** Keys already confirmed by the oracle (most accepted inputs are the fixture again, reformatted). */
const confirmed = new Set<string>();

export async function checkTargetKey(k: AsymmetricTargetKey): Promise<void> {
  expect(KEY_SPECS).toContain(k.spec);
  expect(k.origin).toBe('loaded');
  expect(FORMATS).toContain(k.sourceFormat);
  expect(k.disposed).toBe(false);
  expect(k.publicKeySha256).toBe(createHash('sha256').update(k.publicKeySpki).digest('hex'));
  const pemSpki = createPublicKey(k.publicKeyPem).export({ type: 'spki', format: 'der' });
  expect(Buffer.compare(pemSpki, Buffer.from(k.publicKeySpki))).toBe(0);
  const exported = await exportTargetKey(k);
  const id = `${k.publicKeySha256} ${createHash('sha256').update(exported).digest('hex')}`;
  if (!confirmed.has(id)) {
    const derived = createPublicKey(createPrivateKey(exported)).export({ type: 'spki', format: 'der' });
    expect(Buffer.from(derived).toString('hex')).toBe(Buffer.from(k.publicKeySpki).toString('hex'));
    if (k.spec.startsWith('RSA_')) expect(createPublicKey(k.publicKeyPem).asymmetricKeyDetails?.modulusLength).toBe(Number(k.spec.slice(4)));
    confirmed.add(id);
  }
  k.dispose();
  expect(k.disposed).toBe(true);
}
