// The EC curves of the target key types (docs/spec.md §3.1, §10.5), one table so every layer agrees.
import { weierstrass, type WeierstrassPointCons } from '@noble/curves/abstract/weierstrass.js';
import { OID } from './formats/oids.ts';
import type { EcKeySpec } from './keys/key-specs.ts';
import { SM2_N, sm2IsValidPublicPoint, sm2Point, sm2PublicKeyFromPrivate } from './wrap/sm2.ts';

export type EcSpec = EcKeySpec;

export interface EcCurve {
  spec: EcSpec;
  oid: string;
  name: string;
  /** group order n */
  n: bigint;
  /**
   * bytes of a private scalar and of each public coordinate: ⌈log2(n)/8⌉ — 32, 48 for P-384, 66 for P-521
   * (SEC 1 §2.3.7 / RFC 5915 §3: privateKey is this long, left-padded); the one place key byte lengths come from
   */
  scalarBytes: number;
  /**
   * largest valid private scalar: n−1 (SEC 1 §3.2.1) for P-256 and secp256k1, n−2 for SM2 (GB/T 32918.1-2016
   * §6.1: d ∈ [1, n−2], so that 1+d is invertible for SM2 signatures)
   */
  maxScalar: bigint;
  /** uncompressed public point 04‖x‖y of a valid scalar of scalarBytes bytes */
  publicFromPrivate(d: Uint8Array): Uint8Array;
  /** decode any SEC1 point encoding to uncompressed form; undefined if not a valid point on the curve */
  normalisePoint(point: Uint8Array): Uint8Array | undefined;
}

/** An EC curve's domain parameters (cofactor 1), as hex. */
export interface EcDomain {
  p: string;
  n: string;
  a: string;
  b: string;
  Gx: string;
  Gy: string;
}

/**
 * Domain parameters: SEC 2 v2 §2.4.2 secp256r1, §2.5.1 secp384r1, §2.6.1 secp521r1 (= SP 800-186 §3.2.1.3–5
 * P-256, P-384, P-521) and §2.4.1 secp256k1. tests/keys/curves.test.ts compares them with OpenSSL's.
 */
export const EC_DOMAINS: Readonly<Record<Exclude<EcSpec, 'EC_SM2'>, EcDomain>> = {
  EC_P256: {
    p: '0xffffffff00000001000000000000000000000000ffffffffffffffffffffffff',
    n: '0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551',
    a: '0xffffffff00000001000000000000000000000000fffffffffffffffffffffffc',
    b: '0x5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604b',
    Gx: '0x6b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296',
    Gy: '0x4fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5',
  },
  EC_P384: {
    p: '0xfffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffeffffffff0000000000000000ffffffff',
    n: '0xffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf581a0db248b0a77aecec196accc52973',
    a: '0xfffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffeffffffff0000000000000000fffffffc',
    b: '0xb3312fa7e23ee7e4988e056be3f82d19181d9c6efe8141120314088f5013875ac656398d8a2ed19d2a85c8edd3ec2aef',
    Gx: '0xaa87ca22be8b05378eb1c71ef320ad746e1d3b628ba79b9859f741e082542a385502f25dbf55296c3a545e3872760ab7',
    Gy: '0x3617de4a96262c6f5d9e98bf9292dc29f8f41dbd289a147ce9da3113b5f0b8c00a60b1ce1d7e819d7a431d7c90ea0e5f',
  },
  EC_P521: {
    p: '0x01ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff',
    n: '0x01fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffa51868783bf2f966b7fcc0148f709a5d03bb5c9b8899c47aebb6fb71e91386409',
    a: '0x01fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc',
    b: '0x0051953eb9618e1c9a1f929a21a0b68540eea2da725b99b315f3b8b489918ef109e156193951ec7e937b1652c0bd3bb1bf073573df883d2c34f1ef451fd46b503f00',
    Gx: '0x00c6858e06b70404e9cd9e3ecb662395b4429c648139053fb521f828af606b4d3dbaa14b5e77efe75928fe1dc127a2ffa8de3348b3c1856a429bf97e7e31c2e5bd66',
    Gy: '0x011839296a789a3bc0045c8a5fb42c7d1bd998f54449579b446817afbd17273e662c97ee72995ef42640c550b9013fad0761353c7086a272c24088be94769fd16650',
  },
  EC_P256K: {
    p: '0xfffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc2f',
    n: '0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141',
    a: '0x0',
    b: '0x7',
    Gx: '0x79be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798',
    Gy: '0x483ada7726a3c4655da4fbfc0e1108a8fd17b448a68554199c47d08ffb10d4b8',
  },
};

/**
 * The curve's group: noble-curves' weierstrass() without its ECDSA layer (noble's `p256`… objects carry signing,
 * DER signatures and HMAC-DRBG, which the page never runs: about 4 kB gzip of the page).
 */
function group(d: EcDomain): WeierstrassPointCons<bigint> {
  return weierstrass({ p: BigInt(d.p), n: BigInt(d.n), h: 1n, a: BigInt(d.a), b: BigInt(d.b), Gx: BigInt(d.Gx), Gy: BigInt(d.Gy) });
}

function nobleCurve(spec: Exclude<EcSpec, 'EC_SM2'>, oid: string, name: string): EcCurve {
  const P = group(EC_DOMAINS[spec]);
  return {
    spec,
    oid,
    name,
    n: P.Fn.ORDER,
    scalarBytes: P.Fn.BYTES,
    maxScalar: P.Fn.ORDER - 1n,
    // what noble's getPublicKey does: Fn.fromBytes refuses a wrong length or d ≥ n, multiply refuses d = 0
    publicFromPrivate: (d) => P.BASE.multiply(P.Fn.fromBytes(d)).toBytes(false),
    normalisePoint(point) {
      try {
        const Q = P.fromBytes(point);
        Q.assertValidity();
        return Q.toBytes(false);
      } catch {
        return undefined;
      }
    },
  };
}

export const EC_CURVES: Readonly<Record<EcSpec, EcCurve>> = {
  EC_P256: nobleCurve('EC_P256', OID.prime256v1, 'P-256'),
  EC_P384: nobleCurve('EC_P384', OID.secp384r1, 'P-384'),
  EC_P521: nobleCurve('EC_P521', OID.secp521r1, 'P-521'),
  EC_P256K: nobleCurve('EC_P256K', OID.secp256k1, 'secp256k1'),
  EC_SM2: {
    spec: 'EC_SM2',
    oid: OID.sm2p256v1,
    name: 'SM2',
    n: SM2_N,
    scalarBytes: sm2Point.Fn.BYTES,
    maxScalar: SM2_N - 2n,
    publicFromPrivate: sm2PublicKeyFromPrivate,
    normalisePoint: (point) => (point.length === 65 && sm2IsValidPublicPoint(point) ? point : undefined),
  },
};

export function curveByOid(oid: string): EcCurve | undefined {
  return Object.values(EC_CURVES).find((c) => c.oid === oid);
}
