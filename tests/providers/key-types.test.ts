// Issue 11, spec §20: "the same key type" across destinations is equality of the neutral KeySpec that each
// provider's own key spec name maps to (Provider.keySpecs). These expectations are written out from the
// providers' documentation (/work/shared/research/byok-formats.md, spec §20.1–§20.8), not derived from the data
// under test, so the app's rule ("Aliyun_AES_256 and SYMMETRIC_DEFAULT are the same key type; RSA_2048 and
// EC_P256 are not") rests on checked data.
import { describe, expect, test } from 'vitest';
import { KEY_SPEC_INFO, PROVIDER_IDS, PROVIDERS, algorithmsFor, isKeySpec, type KeySpec, type ProviderId } from '../../src/lib/index.ts';

/** The neutral spec of a provider's own name; undefined for a name the provider data does not list. */
const neutral = (id: ProviderId, name: string): KeySpec | undefined => (Object.hasOwn(PROVIDERS[id].keySpecs, name) ? PROVIDERS[id].keySpecs[name] : undefined);

/** One key type, named by each provider that imports it (names as their consoles and APIs spell them). */
const SAME_TYPE: Record<string, [ProviderId, string][]> = {
  AES_256: [
    ['alibaba', 'Aliyun_AES_256'],
    ['aws', 'SYMMETRIC_DEFAULT'],
    ['gcp', 'google-symmetric-encryption'],
    ['gcp', 'aes-256-gcm'],
    ['azure', 'oct-HSM 256'],
    ['vault', 'aes256-gcm96'],
    ['huawei', 'AES_256'],
    ['tencent', 'ENCRYPT_DECRYPT (256-bit, FIPS regions)'],
    ['oci', 'AES 256'],
  ],
  AES_128: [
    ['gcp', 'aes-128-gcm'],
    ['azure', 'oct-HSM 128'],
    ['vault', 'aes128-gcm96'],
    ['oci', 'AES 128'],
  ],
  SM4: [
    ['alibaba', 'Aliyun_SM4'],
    ['aws', 'SYMMETRIC_DEFAULT (China Regions, SM4)'],
    ['huawei', 'SM4'],
    ['tencent', 'ENCRYPT_DECRYPT (128-bit SM4, SM regions)'],
  ],
  HMAC_256: [
    ['aws', 'HMAC_256'],
    ['gcp', 'hmac-sha256'],
  ],
  RSA_2048: [
    ['alibaba', 'RSA_2048'],
    ['aws', 'RSA_2048'],
    ['gcp', 'rsa-sign-pss-2048-sha256'],
    ['gcp', 'rsa-decrypt-oaep-2048-sha256'],
    ['azure', 'RSA-HSM 2048'],
    ['vault', 'rsa-2048'],
    ['huawei', 'RSA_2048'],
    ['oci', 'RSA 2048'],
  ],
  EC_P256: [
    ['alibaba', 'EC_P256'],
    ['aws', 'ECC_NIST_P256'],
    ['gcp', 'ec-sign-p256-sha256'],
    ['azure', 'EC-HSM P-256'],
    ['vault', 'ecdsa-p256'],
    ['huawei', 'EC_P256'],
  ],
  EC_P384: [
    ['aws', 'ECC_NIST_P384'],
    ['gcp', 'ec-sign-p384-sha384'],
    ['azure', 'EC-HSM P-384'],
    ['vault', 'ecdsa-p384'],
    ['huawei', 'EC_P384'],
  ],
  EC_P256K: [
    ['alibaba', 'EC_P256K'],
    ['aws', 'ECC_SECG_P256K1'],
    ['gcp', 'ec-sign-secp256k1-sha256'],
    ['azure', 'EC-HSM P-256K'],
  ],
  EC_SM2: [
    ['alibaba', 'EC_SM2'],
    ['aws', 'SM2'],
  ],
  ED25519: [['vault', 'ed25519']],
};

describe('the same key type across providers is the same neutral KeySpec', () => {
  test.each(Object.entries(SAME_TYPE))('%s', (spec, names) => {
    for (const [id, name] of names) expect(neutral(id, name), `${id} ${name}`).toBe(spec);
  });

  test('the examples of issue 11: AWS, Alibaba and Vault AES-256 are one type; Azure, AWS and Alibaba P-256 are one type', () => {
    const aes = [neutral('aws', 'SYMMETRIC_DEFAULT'), neutral('alibaba', 'Aliyun_AES_256'), neutral('vault', 'aes256-gcm96')];
    expect(new Set(aes)).toEqual(new Set(['AES_256']));
    const p256 = [neutral('azure', 'EC-HSM P-256'), neutral('aws', 'ECC_NIST_P256'), neutral('alibaba', 'EC_P256')];
    expect(new Set(p256)).toEqual(new Set(['EC_P256']));
  });

  test('different key types stay different, even at equal lengths', () => {
    expect(neutral('alibaba', 'RSA_2048')).not.toBe(neutral('alibaba', 'EC_P256'));
    // 32 bytes each, but an AES key and an HMAC key are not interchangeable
    expect(neutral('aws', 'SYMMETRIC_DEFAULT')).not.toBe(neutral('aws', 'HMAC_256'));
    // 16 bytes each: AES-128 and SM4
    expect(neutral('gcp', 'aes-128-gcm')).not.toBe(neutral('alibaba', 'Aliyun_SM4'));
    // the SM2 curve is not P-256
    expect(neutral('aws', 'SM2')).not.toBe(neutral('aws', 'ECC_NIST_P256'));
  });

  test("a name a provider does not list, or an inherited property's name, is no key type", () => {
    for (const name of ['toString', 'constructor', '__proto__', 'AES_256', 'aes-256']) expect(neutral('aws', name)).toBeUndefined();
    expect(neutral('alibaba', 'SYMMETRIC_DEFAULT')).toBeUndefined();
  });

  test('every name of every provider maps to a known KeySpec that one of its algorithms carries', () => {
    const orphans: string[] = [];
    let names = 0;
    for (const id of PROVIDER_IDS) {
      for (const [name, spec] of Object.entries(PROVIDERS[id].keySpecs)) {
        names++;
        expect(isKeySpec(spec), `${id} ${name}`).toBe(true);
        expect(KEY_SPEC_INFO[spec]).toBeDefined();
        if (algorithmsFor(id, spec).length === 0) orphans.push(`${id} ${name} → ${spec}`);
      }
    }
    expect(names).toBeGreaterThan(60);
    expect(orphans).toEqual([]);
  });
});
