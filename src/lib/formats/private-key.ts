// The one entry point for a target private key file: JWK, PEM (any of the private key labels), bare base64
// or binary DER. Decodes faithfully; range and consistency checks are the key layer's (spec §3.3).
import { wipe } from '../bytes.ts';
import { fail } from '../errors.ts';
import { assertSingleDer } from './der.ts';
import { decryptPkcs8, readEncryptedPkcs8Parameters } from './encrypted-pkcs8.ts';
import { decodeJwk } from './jwk.ts';
import { oidName } from './oids.ts';
import { asText, assertInputType, labelFact, readArmored } from './pem.ts';
import { decodeRsaPrivateKey } from './pkcs1.ts';
import { decodePkcs8 } from './pkcs8.ts';
import { decodeEcParameters, decodeEcPrivateKey } from './sec1.ts';
import { describeDer } from './spki.ts';
import type { Armored, DecodedPrivateKey, PrivateComponents, PrivateKeyFormat } from './types.ts';

export interface DecodePrivateKeyOptions {
  /** for ENCRYPTED PRIVATE KEY (PKCS#8 PBES2) files */
  passphrase?: string;
}

export const PRIVATE_KEY_LABELS: ReadonlyMap<string, PrivateKeyFormat> = new Map([
  ['PRIVATE KEY', 'pkcs8'],
  ['ENCRYPTED PRIVATE KEY', 'encrypted-pkcs8'],
  ['RSA PRIVATE KEY', 'pkcs1'],
  ['EC PRIVATE KEY', 'sec1'],
  ['SM2 PRIVATE KEY', 'sec1'], // what OpenSSL 3 `openssl ec` writes for an SM2 key
]);
/** `openssl ecparam -genkey` writes the curve in its own block before the key (SM2 PARAMETERS for SM2). */
export const PARAMETER_LABELS: ReadonlySet<string> = new Set(['EC PARAMETERS', 'SM2 PARAMETERS']);
/** Public material, named in words when the DER inside is too damaged to describe. */
const PUBLIC_LABELS: ReadonlyMap<string, string> = new Map([
  ['PUBLIC KEY', 'a public key'],
  ['RSA PUBLIC KEY', 'a PKCS#1 RSA public key'],
  ['CERTIFICATE', 'an X.509 certificate'],
  ['X509 CERTIFICATE', 'an X.509 certificate'],
  ['TRUSTED CERTIFICATE', 'an X.509 certificate'],
]);
/** Traditional OpenSSL private keys of algorithms KMS cannot import. */
const UNSUPPORTED_KEY_LABELS: ReadonlyMap<string, string> = new Map([['DSA PRIVATE KEY', 'DSA']]);

export async function decodePrivateKey(input: string | Uint8Array, options: DecodePrivateKeyOptions = {}): Promise<DecodedPrivateKey> {
  assertInputType(input);
  const passphrase = options?.passphrase;
  if (passphrase !== undefined && typeof passphrase !== 'string') fail('input_type', { field: 'passphrase' });
  const text = asText(input);
  if (text !== undefined && /^\uFEFF?\s*\{/.test(text)) return { format: 'jwk', key: decodeJwk(text) };
  const blocks = readArmored(input);
  try {
    return await decodeBlocks(blocks, passphrase);
  } finally {
    wipe(...blocks.map((b) => b.der));
  }
}

async function decodeBlocks(blocks: Armored[], passphrase: string | undefined): Promise<DecodedPrivateKey> {
  const first = blocks[0]!;
  if (first.label === undefined) return decodeUnlabelled(first.der, passphrase);

  const keys = blocks.filter((b) => b.label!.endsWith('PRIVATE KEY'));
  if (keys.length > 1) fail('pem_multiple_keys', { length: keys.length });
  if (keys.length === 0) {
    const pub = blocks.find((b) => PUBLIC_LABELS.has(b.label!));
    if (pub) fail('key_is_public', { found: describePublic(pub), label: pub.label });
    fail('format_unrecognized', labelFact(first.label));
  }
  const key = keys[0]!;
  const label = key.label!;
  const unsupported = UNSUPPORTED_KEY_LABELS.get(label);
  if (unsupported !== undefined) fail('key_algorithm_unsupported', { found: unsupported, label });
  const format = PRIVATE_KEY_LABELS.get(label);
  if (format === undefined) fail('format_unrecognized', labelFact(label));

  const curveOid = parametersCurve(blocks);
  const decoded = await decodeAs(format, key.der, passphrase, curveOid);
  if (curveOid !== undefined && decoded.key.kind === 'ec' && decoded.key.curveOid !== curveOid)
    fail('der_malformed', { field: 'EC PARAMETERS', check: `curve ${oidName(curveOid)} ≠ ${oidName(decoded.key.curveOid)}` });
  return decoded;
}

/** The curve named by EC PARAMETERS blocks, if any; several must agree. */
function parametersCurve(blocks: Armored[]): string | undefined {
  let curveOid: string | undefined;
  for (const b of blocks) {
    if (!PARAMETER_LABELS.has(b.label!)) continue;
    const oid = decodeEcParameters(b.der);
    if (curveOid !== undefined && oid !== curveOid) fail('der_malformed', { field: 'EC PARAMETERS' });
    curveOid = oid;
  }
  return curveOid;
}

/** Binary DER or bare base64: what it is follows from its structure. */
async function decodeUnlabelled(der: Uint8Array, passphrase: string | undefined): Promise<DecodedPrivateKey> {
  const what = describeDer(der);
  switch (what.kind) {
    case 'pkcs8':
      return decodeAs('pkcs8', der, passphrase);
    case 'encrypted-pkcs8':
      return decodeAs('encrypted-pkcs8', der, passphrase);
    case 'pkcs1-private':
      return decodeAs('pkcs1', der, passphrase);
    case 'sec1':
      return decodeAs('sec1', der, passphrase);
    case 'spki':
    case 'certificate':
    case 'pkcs1-public':
      fail('key_is_public', { found: what.description });
    case 'unknown':
      assertSingleDer(der); // the precise DER error (truncated, trailing data, …) if there is one
      fail('format_unrecognized', { found: what.description });
  }
}

async function decodeAs(format: PrivateKeyFormat, der: Uint8Array, passphrase: string | undefined, curveOid?: string): Promise<DecodedPrivateKey> {
  let key: PrivateComponents;
  switch (format) {
    case 'pkcs8':
      key = decodePkcs8(der);
      break;
    case 'encrypted-pkcs8':
      key = await decryptAndDecode(der, passphrase);
      break;
    case 'pkcs1':
      key = decodeRsaPrivateKey(der);
      break;
    case 'sec1':
      key = decodeEcPrivateKey(der, curveOid);
      break;
    case 'jwk':
      throw new TypeError('JWK is text, not DER');
  }
  return { format, key };
}

async function decryptAndDecode(der: Uint8Array, passphrase: string | undefined): Promise<PrivateComponents> {
  if (passphrase === undefined) {
    // spec §3.3: a scheme or work factor we refuse is said now, not after the passphrase was asked for
    readEncryptedPkcs8Parameters(der);
    fail('passphrase_required');
  }
  const plain = await decryptPkcs8(der, passphrase);
  try {
    return decodePkcs8(plain);
  } finally {
    wipe(plain);
  }
}

function describePublic(block: Armored): string {
  const what = describeDer(block.der);
  return what.kind === 'unknown' ? PUBLIC_LABELS.get(block.label!)! : what.description;
}
