// Unwrap key material with the OpenSSL 3 CLI only (the independent oracle, docs/spec.md §1).
import { openssl, scratch } from './openssl.ts';
import { sm2RawToDer } from './sm2-der.ts';

export type Iwk = { kind: 'rsa' | 'sm2'; privPath: string; pubPem: string; pubDer: Buffer };

/** Make a KMS-like wrapping key pair with OpenSSL: RSA_2048 or EC_SM2. */
export function makeIwk(kind: 'rsa' | 'sm2', dir: ReturnType<typeof scratch>, name: string = kind): Iwk {
  const privPath = dir.path(`${name}-iwk.pem`);
  if (kind === 'rsa') openssl(['genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048', '-out', privPath]);
  else openssl(['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:SM2', '-out', privPath]);
  const pubPem = openssl(['pkey', '-in', privPath, '-pubout']).toString();
  const pubDer = openssl(['pkey', '-in', privPath, '-pubout', '-outform', 'DER']);
  return { kind, privPath, pubPem, pubDer };
}

/**
 * RSA path: OAEP-SHA-256 decrypt of the first 256 bytes, AES-256-ECB decrypt of the rest → PKCS#8 DER.
 * SM2 path: first 113 bytes raw C1‖C3‖C2 → GM/T 0009 DER → `pkeyutl -decrypt`, then SM4-ECB → 32-byte D.
 */
export function unwrapWithOpenssl(material: Uint8Array, iwk: Iwk): { esk: Buffer; tak: Buffer } {
  if (iwk.kind === 'rsa') {
    const esk = openssl(
      ['pkeyutl', '-decrypt', '-inkey', iwk.privPath, '-pkeyopt', 'rsa_padding_mode:oaep', '-pkeyopt', 'rsa_oaep_md:sha256', '-pkeyopt', 'rsa_mgf1_md:sha256'],
      material.subarray(0, 256),
    );
    const tak = openssl(['enc', '-d', '-aes-256-ecb', '-K', esk.toString('hex')], material.subarray(256));
    return { esk, tak };
  }
  const tmp = scratch('byok-sm2-');
  try {
    const ct = tmp.write('esk.der', sm2RawToDer(material.subarray(0, 113)));
    const esk = openssl(['pkeyutl', '-decrypt', '-inkey', iwk.privPath, '-in', ct]);
    const tak = openssl(['enc', '-d', '-sm4-ecb', '-nopad', '-K', esk.toString('hex')], material.subarray(113));
    return { esk, tak };
  } finally {
    tmp.dispose();
  }
}
