// The node-side proof of issue 11's acceptance ceremonies, and of the test material the browser runs use: each
// provider's download made by OpenSSL (kms-fixtures.ts) is read by the library's public API, a key is generated,
// backed up (CMS / encrypted PKCS#8), wrapped and delivered for every destination; the OpenSSL-only oracle
// (unwrap-oracle.ts) opens each delivered file as its provider would and must find exactly the backup's key.
// The oracle is also shown to fail on damaged or mismatched input, so that its "equal" means something.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createHash } from 'node:crypto';
import {
  PROVIDERS,
  deliverKeyMaterial,
  exportTargetKey,
  generateTargetKey,
  parseImportToken,
  parseWrappingPublicKey,
  wrapKeyMaterial,
  type KeySpec,
  type TargetKey,
} from '../../src/lib/index.ts';
import { ACCEPTANCE_CASES, expectedMaterialFileName, isSecretSpec, type AcceptanceCase, type AcceptanceDestination } from './acceptance-cases.ts';
import { generateWrappingKey, makeKmsFixture, type FixtureRequest, type KmsFixture } from './kms-fixtures.ts';
import { scratch } from './openssl.ts';
import { backupKeyBytes, decodeDelivered, kcvOf, unwrapDelivered } from './unwrap-oracle.ts';

const PASSPHRASE = 'fixture backup passphrase';
const tmp = scratch('byok-kms-fixtures-');
const sha256 = (b: Uint8Array | string) => createHash('sha256').update(b).digest('hex');

/** Providers with no acceptance case still get a download, so that every provider's file names are checked. */
const EXTRA: FixtureRequest[] = [
  { provider: 'huawei', algorithm: 'RSAES_OAEP_SHA_256', wrappingKeySpec: 'RSA_2048' },
  { provider: 'huawei', algorithm: 'SM2_ENCRYPT', wrappingKeySpec: 'EC_SM2' },
  { provider: 'tencent', algorithm: 'RSAES_OAEP_SHA_256', wrappingKeySpec: 'RSA_2048' },
  { provider: 'oci', algorithm: 'RSA_OAEP_AES_SHA256', wrappingKeySpec: 'RSA_2048' },
];

const caseFixtures = new Map<AcceptanceCase, KmsFixture[]>();
const extraFixtures: KmsFixture[] = [];
const allFixtures = () => [...[...caseFixtures.values()].flat(), ...extraFixtures];

beforeAll(async () => {
  // One Vault mount for both Vault ceremonies: its wrapping key is the mount's, and RSA-4096 is slow to make.
  const vaultMount = generateWrappingKey(tmp.path('vault-mount-wrapping-key.pem'), 'RSA_4096');
  const make = async (d: AcceptanceDestination) => makeKmsFixture(tmp, d.provider === 'vault' ? { ...d, privateKeyPath: await vaultMount } : d);
  const jobs: Promise<unknown>[] = [];
  for (const c of ACCEPTANCE_CASES) jobs.push(Promise.all(c.destinations.map(make)).then((f) => caseFixtures.set(c, f)));
  for (const r of EXTRA) jobs.push(makeKmsFixture(tmp, r).then((f) => extraFixtures.push(f)));
  await Promise.all(jobs);
}, 60_000);
afterAll(() => tmp.dispose());

describe("each provider's download, as the provider's data and the library read it", () => {
  test('file names match the provider data (`files`), tokens have its form, extra inputs are there where it needs them', () => {
    const seen = new Set<string>();
    for (const f of allFixtures()) {
      const p = PROVIDERS[f.provider];
      const label = `${f.provider} ${f.wrappingKey.name}`;
      seen.add(f.provider);
      expect(p.files.wrappingKey.some((re) => re.test(f.wrappingKey.name)), label).toBe(true);
      expect(f.token?.form ?? 'none', label).toBe(p.token.form);
      if (f.token) expect(p.files.token?.some((re) => re.test(f.token!.name)), `${f.provider} ${f.token.name}`).toBe(true);
      expect(f.kekId !== undefined, label).toBe(p.needs?.includes('kekId') ?? false);
      expect(f.importJob !== undefined, label).toBe(p.needs?.includes('importJob') ?? false);
      // the wrapping key is one the algorithm takes at that provider
      expect(p.algorithms.some((a) => a.name === f.algorithm && a.wrappingKeySpecs.includes(f.wrappingKeySpec)), label).toBe(true);
    }
    expect([...seen].sort()).toEqual(Object.keys(PROVIDERS).sort());
  });

  test('the library reads every wrapping key file to the key OpenSSL made, and every token in its form', () => {
    for (const f of allFixtures()) {
      const key = parseWrappingPublicKey(new Uint8Array(f.wrappingKey.bytes));
      expect(key.spec, f.wrappingKey.name).toBe(f.wrappingKeySpec);
      expect(key.sha256, f.wrappingKey.name).toBe(sha256(f.publicKeyDer));
      if (!f.token) continue;
      const token = parseImportToken(new Uint8Array(f.token.bytes));
      expect(token.form, f.token.name).toBe(f.token.form);
      expect(token.sha256, f.token.name).toBe(f.token.sha256);
    }
  });

  test("AWS's files are binary: DER SPKI, and a token that is not UTF-8", () => {
    const aws = allFixtures().filter((f) => f.provider === 'aws');
    expect(aws.length).toBeGreaterThan(0);
    for (const f of aws) {
      expect(f.wrappingKey.name).toBe('WrappingPublicKey.bin');
      expect(f.wrappingKey.bytes.equals(f.publicKeyDer)).toBe(true);
      expect(f.token!.name).toBe('ImportToken.bin');
      expect(() => new TextDecoder('utf-8', { fatal: true }).decode(f.token!.bytes)).toThrow(TypeError);
      expect(f.token!.sha256).toBe(sha256(f.token!.bytes));
    }
  });
});

interface Wrapped {
  destination: AcceptanceDestination;
  fixture: KmsFixture;
  path: string;
  fileName: string;
}

/** One ceremony through the public API: generate, back up, wrap and deliver for every destination. */
async function ceremony(c: AcceptanceCase, fixtures: KmsFixture[]): Promise<{ key: TargetKey; backupPath: string; delivered: Wrapped[] }> {
  const spec = c.keySpec as KeySpec;
  const key = await generateTargetKey(spec);
  // the custodian's folder of the first destination (each fixture has its own, see makeKmsFixture)
  const backupPath = join(dirname(fixtures[0]!.wrappingKey.path), 'target-key-backup.pem');
  writeFileSync(backupPath, await exportTargetKey(key, { passphrase: PASSPHRASE }));
  const delivered: Wrapped[] = [];
  for (const [i, d] of c.destinations.entries()) {
    const f = fixtures[i]!;
    // each destination's own key spec name maps to the case's key type in the provider data
    expect(PROVIDERS[d.provider].keySpecs[d.keySpecName], `${d.provider} ${d.keySpecName}`).toBe(spec);
    const wrappingKey = parseWrappingPublicKey(new Uint8Array(f.wrappingKey.bytes));
    if (f.token) parseImportToken(new Uint8Array(f.token.bytes));
    const material = await wrapKeyMaterial(wrappingKey, key, { provider: d.provider, algorithm: d.algorithm });
    const delivery = deliverKeyMaterial(material, {
      provider: d.provider,
      algorithm: d.algorithm,
      keySpec: spec,
      wrappingKeySpec: wrappingKey.spec,
      keyId: f.keyId,
      kekId: f.kekId,
    });
    expect(delivery.fileName, d.provider).toBe(expectedMaterialFileName(d.provider, f.keyId, isSecretSpec(c.keySpec)));
    const path = join(dirname(f.wrappingKey.path), delivery.fileName);
    writeFileSync(path, delivery.bytes);
    delivered.push({ destination: d, fixture: f, path, fileName: delivery.fileName });
  }
  return { key, backupPath, delivered };
}

describe.concurrent('acceptance ceremonies through the public API, every delivered file unwrapped by OpenSSL alone', () => {
  for (const c of ACCEPTANCE_CASES) {
    test(c.name, async () => {
      const { key, backupPath, delivered } = await ceremony(c, caseFixtures.get(c)!);
      try {
        const secret = isSecretSpec(c.keySpec);
        const backup = await backupKeyBytes(backupPath, PASSPHRASE, secret ? 'raw' : 'pkcs8');
        if (secret) {
          expect(backup.length).toBe(c.keySpec === 'SM4' ? 16 : 32);
          // the library's KCV is the one OpenSSL computes from the backup's key (spec §10.4)
          expect(key.kind === 'secret' && key.kcv).toBe(await kcvOf(backup, c.keySpec === 'SM4' ? 'sm4' : 'aes'));
        }
        const plaintexts = await Promise.all(
          delivered.map(async (w) => {
            const out = await unwrapDelivered(w.path, { provider: w.destination.provider, algorithm: w.destination.algorithm, privateKeyPath: w.fixture.privateKeyPath, secret });
            if (w.destination.provider === 'azure') expect(out.decoded.kid).toBe(w.fixture.kekId);
            const expected = out.form === 'scalar' ? await backupKeyBytes(backupPath, PASSPHRASE, 'scalar') : backup;
            expect(out.plaintext.toString('hex'), `${w.destination.provider} ${w.fileName}`).toBe(expected.toString('hex'));
            return out.plaintext;
          }),
        );
        expect(plaintexts).toHaveLength(c.destinations.length);
        if (c.destinations.length > 1) for (const p of plaintexts) expect(p.equals(plaintexts[0]!)).toBe(true);
      } finally {
        key.dispose();
      }
    });
  }
});

describe.concurrent('the oracle fails when it should', () => {
  const fixtureOf = (provider: string) => {
    const f = allFixtures().find((x) => x.provider === provider && x.wrappingKeySpec !== 'EC_SM2');
    if (!f) throw new Error(`no ${provider} fixture`);
    return f;
  };
  async function wrapped(provider: 'aws' | 'azure' | 'huawei', spec: KeySpec, algorithm: string) {
    const f = fixtureOf(provider);
    const key = await generateTargetKey(spec);
    const wk = parseWrappingPublicKey(new Uint8Array(f.wrappingKey.bytes));
    const material = await wrapKeyMaterial(wk, key, { provider, algorithm });
    const delivery = deliverKeyMaterial(material, { provider, algorithm, keySpec: spec, wrappingKeySpec: wk.spec, keyId: 'oracle-negative', kekId: f.kekId });
    key.dispose();
    return { f, bytes: Buffer.from(delivery.bytes) };
  }

  test('a flipped bit in the wrapped bytes, or another private key, is refused by OpenSSL', async () => {
    const { f, bytes } = await wrapped('aws', 'AES_256', 'RSAES_OAEP_SHA_256');
    const options = { provider: 'aws', algorithm: 'RSAES_OAEP_SHA_256', privateKeyPath: f.privateKeyPath, secret: true };
    expect((await unwrapDelivered(bytes, options)).plaintext).toHaveLength(32);
    const damaged = Buffer.from(bytes);
    damaged[damaged.length - 1]! ^= 1;
    await expect(unwrapDelivered(damaged, options)).rejects.toThrow(/openssl pkeyutl/);
    const other = fixtureOf('tencent');
    await expect(unwrapDelivered(bytes, { ...options, privateKeyPath: other.privateKeyPath })).rejects.toThrow(/openssl pkeyutl/);
    // the hash is part of the recipe: SHA-1 OAEP does not open SHA-256 material
    await expect(unwrapDelivered(bytes, { ...options, algorithm: 'RSAES_OAEP_SHA_1' })).rejects.toThrow(/openssl pkeyutl/);
  });

  test('a damaged KWP part is refused (RFC 5649 integrity check)', async () => {
    const { f, bytes } = await wrapped('huawei', 'EC_P256', 'RSAES_OAEP_SHA_256');
    const json = JSON.parse(bytes.toString()) as { encrypted_key_material: string; encrypted_privatekey: string };
    const kwpPart = Buffer.from(json.encrypted_privatekey, 'base64');
    kwpPart[3]! ^= 0x80;
    const damaged = JSON.stringify({ ...json, encrypted_privatekey: kwpPart.toString('base64') });
    const options = { provider: 'huawei', algorithm: 'RSAES_OAEP_SHA_256', privateKeyPath: f.privateKeyPath, secret: false };
    expect((await unwrapDelivered(bytes, options)).form).toBe('pkcs8');
    await expect(unwrapDelivered(Buffer.from(damaged), options)).rejects.toThrow(/id-aes256-wrap-pad/);
    // Huawei's two-field JSON is for asymmetric keys only
    await expect(unwrapDelivered(bytes, { ...options, secret: true })).rejects.toThrow(/asymmetric/);
  });

  test("files not in the provider's encoding are refused before any decryption", async () => {
    const { bytes } = await wrapped('azure', 'EC_P256', 'CKM_RSA_AES_KEY_WRAP');
    const byok = JSON.parse(bytes.toString()) as { ciphertext: string; header: { enc: string } };
    expect(decodeDelivered('azure', 'CKM_RSA_AES_KEY_WRAP', bytes).wrapped.length).toBe(256 + 8 + 8 * Math.ceil(138 / 8));
    const padded = { ...byok, ciphertext: Buffer.from(byok.ciphertext, 'base64url').toString('base64') };
    expect(() => decodeDelivered('azure', 'CKM_RSA_AES_KEY_WRAP', Buffer.from(JSON.stringify(padded)))).toThrow(/unpadded base64url/);
    expect(() => decodeDelivered('azure', 'CKM_RSA_AES_KEY_WRAP', Buffer.from(JSON.stringify({ ...byok, header: { ...byok.header, enc: 'RSA-OAEP' } })))).toThrow(/header.enc/);
    expect(() => decodeDelivered('alibaba', 'RSAES_OAEP_SHA_256', Buffer.from('QUJD\n'))).toThrow(/base64/);
    expect(() => decodeDelivered('vault', 'SHA256', Buffer.from('QUJD'))).not.toThrow();
    expect(() => decodeDelivered('oci', 'RSA_OAEP_SHA256', Buffer.from(JSON.stringify({ keyMaterial: 'QUJD', wrappingAlgorithm: 'RSA_OAEP_AES_SHA256' })))).toThrow(/wrappingAlgorithm/);
    expect(() => decodeDelivered('ibm', 'X', Buffer.from('QUJD'))).toThrow(/does not know/);
  });

  test('a backup opened with the wrong passphrase or for the wrong form fails', async () => {
    const key = await generateTargetKey('AES_256');
    const path = tmp.write('negative-backup.pem', await exportTargetKey(key, { passphrase: PASSPHRASE }));
    key.dispose();
    expect(await backupKeyBytes(path, PASSPHRASE, 'raw')).toHaveLength(32);
    await expect(backupKeyBytes(path, 'not the passphrase', 'raw')).rejects.toThrow(/openssl cms/);
    await expect(backupKeyBytes(path, PASSPHRASE, 'pkcs8')).rejects.toThrow(/secret key/);
    const plain = tmp.write('not-a-backup.pem', '-----BEGIN PRIVATE KEY-----\nAA==\n-----END PRIVATE KEY-----\n');
    await expect(backupKeyBytes(plain, PASSPHRASE)).rejects.toThrow(/neither/);
  });
});
