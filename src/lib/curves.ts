// The EC curves of the target key types (docs/spec.md §3.1, §10.5), one table so every layer agrees.
import { p256, p384, p521 } from '@noble/curves/nist.js';
import { secp256k1 } from '@noble/curves/secp256k1.js';
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

function nobleCurve(spec: EcSpec, oid: string, name: string, c: typeof p256): EcCurve {
  return {
    spec,
    oid,
    name,
    n: c.Point.Fn.ORDER,
    scalarBytes: c.Point.Fn.BYTES,
    maxScalar: c.Point.Fn.ORDER - 1n,
    publicFromPrivate: (d) => c.getPublicKey(d, false),
    normalisePoint(point) {
      try {
        const P = c.Point.fromBytes(point);
        P.assertValidity();
        return P.toBytes(false);
      } catch {
        return undefined;
      }
    },
  };
}

export const EC_CURVES: Readonly<Record<EcSpec, EcCurve>> = {
  EC_P256: nobleCurve('EC_P256', OID.prime256v1, 'P-256', p256),
  EC_P384: nobleCurve('EC_P384', OID.secp384r1, 'P-384', p384 as unknown as typeof p256),
  EC_P521: nobleCurve('EC_P521', OID.secp521r1, 'P-521', p521 as unknown as typeof p256),
  EC_P256K: nobleCurve('EC_P256K', OID.secp256k1, 'secp256k1', secp256k1 as unknown as typeof p256),
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
