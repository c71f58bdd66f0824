// Object identifiers the library recognises (docs/spec.md §3, §4). Names are used in error facts.
export const OID = {
  rsaEncryption: '1.2.840.113549.1.1.1',
  rsaOaep: '1.2.840.113549.1.1.7',
  rsaPss: '1.2.840.113549.1.1.10',
  ecPublicKey: '1.2.840.10045.2.1',
  sm2Key: '1.2.156.10197.1.301.1', // some tools put SM2 here instead of as a curve
  prime256v1: '1.2.840.10045.3.1.7',
  secp256k1: '1.3.132.0.10',
  sm2p256v1: '1.2.156.10197.1.301',
  secp384r1: '1.3.132.0.34',
  secp521r1: '1.3.132.0.35',
  secp224r1: '1.3.132.0.33',
  brainpoolP256r1: '1.3.36.3.3.2.8.1.1.7',
  ed25519: '1.3.101.112',
  ed448: '1.3.101.113',
  x25519: '1.3.101.110',
  x448: '1.3.101.111',
  dsa: '1.2.840.10040.4.1',
  dh: '1.2.840.113549.1.3.1',
  // PKCS#5 v2.1 (RFC 8018)
  pbes2: '1.2.840.113549.1.5.13',
  pbkdf2: '1.2.840.113549.1.5.12',
  hmacWithSHA1: '1.2.840.113549.2.7',
  hmacWithSHA224: '1.2.840.113549.2.8',
  hmacWithSHA256: '1.2.840.113549.2.9',
  hmacWithSHA384: '1.2.840.113549.2.10',
  hmacWithSHA512: '1.2.840.113549.2.11',
  aes128Cbc: '2.16.840.1.101.3.4.1.2',
  aes192Cbc: '2.16.840.1.101.3.4.1.22',
  aes256Cbc: '2.16.840.1.101.3.4.1.42',
  desEde3Cbc: '1.2.840.113549.3.7',
  scrypt: '1.3.6.1.4.1.11591.4.11',
} as const;

/** Human names for OIDs that appear in error facts ("this file holds a P-384 key"). */
export const OID_NAMES: Readonly<Record<string, string>> = {
  [OID.rsaEncryption]: 'RSA',
  [OID.rsaPss]: 'RSA-PSS',
  [OID.rsaOaep]: 'RSA-OAEP',
  [OID.ecPublicKey]: 'EC',
  [OID.sm2Key]: 'SM2',
  [OID.prime256v1]: 'P-256',
  [OID.secp256k1]: 'secp256k1',
  [OID.sm2p256v1]: 'SM2',
  [OID.secp384r1]: 'P-384',
  [OID.secp521r1]: 'P-521',
  [OID.secp224r1]: 'P-224',
  [OID.brainpoolP256r1]: 'brainpoolP256r1',
  [OID.ed25519]: 'Ed25519',
  [OID.ed448]: 'Ed448',
  [OID.x25519]: 'X25519',
  [OID.x448]: 'X448',
  [OID.dsa]: 'DSA',
  [OID.dh]: 'DH',
  [OID.pbes2]: 'PBES2',
  [OID.scrypt]: 'scrypt',
  [OID.desEde3Cbc]: 'DES-EDE3-CBC',
};

export function oidName(oid: string): string {
  return OID_NAMES[oid] ?? `OID ${oid}`;
}
