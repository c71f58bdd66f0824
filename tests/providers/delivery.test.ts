// What each provider takes (docs/spec.md §20, §21): the delivery file (binary, base64 text, Azure .byok JSON,
// Huawei's two fields, OCI's WrappedImportKey JSON) checked against OpenSSL after taking it apart the way the
// vendor's tools do; the provider's input forms (AWS binary WrappingPublicKey.bin / ImportToken.bin, PEM, base64
// PublicKey fields); and the CLI lines, compared with each vendor's documented syntax and run through bash with
// hostile key IDs to prove the quoting.
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  deliverKeyMaterial,
  exportTargetKey,
  generateTargetKey,
  importCommand,
  parseImportToken,
  parseWrappingPublicKey,
  sha256Hex,
  wrapKeyMaterial,
  type TargetKey,
  type WrappingPublicKey,
} from '../../src/lib/index.ts';
import { expectCode } from '../helpers/expect-code.ts';
import { makeRsaWrappingKeys, oaepDecryptArgs, opensslAsync, scratch } from '../helpers/openssl.ts';

const tmp = scratch('byok-delivery-');
let rsa: Awaited<ReturnType<typeof makeRsaWrappingKeys<2048 | 4096>>>;
let aes: TargetKey;
let p256: TargetKey;
let rsaTarget: TargetKey;
let pem4096: string;
beforeAll(async () => {
  rsa = await makeRsaWrappingKeys(tmp, [2048, 4096] as const);
  pem4096 = (await opensslAsync(['pkey', '-in', rsa[4096].privPath, '-pubout'])).toString();
  [aes, p256, rsaTarget] = await Promise.all([generateTargetKey('AES_256'), generateTargetKey('EC_P256'), generateTargetKey('RSA_2048')]);
}, 120_000);
afterAll(() => {
  for (const k of [aes, p256, rsaTarget]) k.dispose();
  tmp.dispose();
});

const pkcs8Of = async (k: TargetKey) => opensslAsync(['pkcs8', '-topk8', '-nocrypt', '-outform', 'DER'], await exportTargetKey(k));
const hexOf = async (k: TargetKey) => Buffer.from(await exportTargetKey(k), 'hex');
const wk = (bits: 2048 | 4096): WrappingPublicKey => parseWrappingPublicKey(rsa[bits].spki);

/** research §3 V3 on the bytes as delivered */
async function unwrapKwp(blob: Uint8Array, bits: 2048 | 4096, hash: string): Promise<Buffer> {
  const k = bits / 8;
  const esk = await opensslAsync(oaepDecryptArgs(rsa[bits].privPath, hash), blob.subarray(0, k));
  return opensslAsync(['enc', '-d', '-id-aes256-wrap-pad', '-K', esk.toString('hex'), '-iv', 'A65959A6'], blob.subarray(k));
}

describe('delivery formats', () => {
  test('AWS: EncryptedKeyMaterial.bin is exactly the wrapped bytes; the inputs are the binary .bin files', async () => {
    const derFile = tmp.write('WrappingPublicKey.bin', rsa[4096].spki);
    const wrappingKey = parseWrappingPublicKey(new Uint8Array(tmp.read('WrappingPublicKey.bin')));
    expect(wrappingKey.spec).toBe('RSA_4096');
    expect(derFile).toMatch(/WrappingPublicKey\.bin$/);
    const tokenBytes = crypto.getRandomValues(new Uint8Array(1024));
    tokenBytes[0] = 0x01; // not text: an AWS token is opaque binary
    const token = parseImportToken(tokenBytes);
    expect(token.form).toBe('binary');
    expect(token.sha256).toBe(sha256Hex(tokenBytes));
    expect(token.length).toBe(1024);

    const material = await wrapKeyMaterial(wrappingKey, aes, { provider: 'aws', algorithm: 'RSAES_OAEP_SHA_256' });
    const d = deliverKeyMaterial(material, { provider: 'aws', algorithm: 'RSAES_OAEP_SHA_256', keySpec: 'AES_256', wrappingKeySpec: 'RSA_4096', keyId: '1234abcd-12ab-34cd-56ef-1234567890ab' });
    expect(d.fileName).toBe('EncryptedKeyMaterial.bin');
    expect(d.mediaType).toBe('application/octet-stream');
    expect(d.text).toBeUndefined();
    expect(Buffer.from(d.bytes).equals(Buffer.from(material))).toBe(true);
    const pt = await opensslAsync(oaepDecryptArgs(rsa[4096].privPath, 'SHA-256'), d.bytes);
    expect(pt.equals(await hexOf(aes))).toBe(true);
  });

  test('Azure: the .byok JSON has exactly the specified fields; its base64url ciphertext unwraps with OAEP-SHA-1 + KWP', async () => {
    const wrappingKey = parseWrappingPublicKey(pem4096); // az keyvault key download writes PEM
    const material = await wrapKeyMaterial(wrappingKey, p256, { provider: 'azure', algorithm: 'CKM_RSA_AES_KEY_WRAP' });
    const kid = 'https://contoso-hsm.vault.azure.net/keys/KEKforBYOK/eba63d27e4e34e028839b53fac905621';
    const d = deliverKeyMaterial(material, { provider: 'azure', algorithm: 'CKM_RSA_AES_KEY_WRAP', keySpec: 'EC_P256', wrappingKeySpec: 'RSA_4096', keyId: 'ContosoFirstHSMkey', kekId: kid });
    expect(d.fileName).toBe('ContosoFirstHSMkey.byok');
    expect(d.mediaType).toBe('application/json');
    const json = JSON.parse(d.text!) as Record<string, unknown>;
    expect(Object.keys(json).sort()).toEqual(['ciphertext', 'generator', 'header', 'schema_version']);
    expect(json.schema_version).toBe('1.0.0');
    expect(json.header).toEqual({ kid, alg: 'dir', enc: 'CKM_RSA_AES_KEY_WRAP' });
    expect(json.generator).toMatch(/^byok-wrap /);
    const ct = json.ciphertext as string;
    expect(ct).toMatch(/^[A-Za-z0-9_-]+$/); // base64url without padding (research §7.2)
    // research §3 "Azure .byok": translate -_ to +/, re-pad, then openssl base64 -d -A
    let std = ct.replace(/-/g, '+').replace(/_/g, '/');
    while (std.length % 4) std += '=';
    const blob = await opensslAsync(['base64', '-d', '-A'], std);
    expect(blob.length).toBe(512 + 152); // RSA-4096 block + KWP of a 138-byte P-256 PKCS#8
    expect((await unwrapKwp(blob, 4096, 'SHA-1')).equals(await pkcs8Of(p256))).toBe(true);

    const ctx = { provider: 'azure', algorithm: 'CKM_RSA_AES_KEY_WRAP', keySpec: 'EC_P256', wrappingKeySpec: 'RSA_4096' } as const;
    await expectCode(() => deliverKeyMaterial(material, ctx), 'kek_id_required');
    for (const bad of ['https://contoso.vault.azure.net/keys/kek', 'http://contoso.vault.azure.net/keys/kek/eba63d27e4e34e028839b53fac905621', 'https://evil.example/keys/kek/eba63d27e4e34e028839b53fac905621', 'kek'])
      await expectCode(() => deliverKeyMaterial(material, { ...ctx, kekId: bad }), 'kek_id_invalid');
    await expectCode(() => deliverKeyMaterial(material, { ...ctx, kekId: kid.replace('KEK', 'K\u202eEK') }), 'text_hidden_character');
  });

  test('Vault: a text file holding the bare standard base64 ciphertext (vault write … ciphertext=@file)', async () => {
    const material = await wrapKeyMaterial(wk(4096), aes, { provider: 'vault', algorithm: 'SHA256' });
    const d = deliverKeyMaterial(material, { provider: 'vault', algorithm: 'SHA256', keySpec: 'AES_256', wrappingKeySpec: 'RSA_4096', keyId: 'payments' });
    expect(d.text).toMatch(/^[A-Za-z0-9+/]+={0,2}$/);
    expect(Buffer.from(d.bytes).toString()).toBe(d.text);
    const blob = await opensslAsync(['base64', '-d', '-A'], d.text!);
    expect(blob.length).toBe(512 + 40); // Vault: EncryptedKeyBytes = 512, then KWP of 32 bytes
    expect((await unwrapKwp(blob, 4096, 'SHA-256')).equals(await hexOf(aes))).toBe(true);
  });

  test('Huawei: an asymmetric key as the two API fields; a secret as base64 text', async () => {
    const material = await wrapKeyMaterial(wk(2048), rsaTarget, { provider: 'huawei', algorithm: 'RSAES_OAEP_SHA_256' });
    const d = deliverKeyMaterial(material, { provider: 'huawei', algorithm: 'RSAES_OAEP_SHA_256', keySpec: 'RSA_2048', wrappingKeySpec: 'RSA_2048', keyId: '0d0466b0-e727-4d9c-b35d-f84bb474a37f' });
    expect(d.mediaType).toBe('application/json');
    const fields = JSON.parse(d.text!) as Record<string, string>;
    expect(Object.keys(fields).sort()).toEqual(['encrypted_key_material', 'encrypted_privatekey']);
    expect(fields.encrypted_key_material).toMatch(/^[0-9a-zA-Z+/=]{344,360}$/); // the API's own pattern
    expect(fields.encrypted_privatekey).toMatch(/^[0-9a-zA-Z+/=]{200,6144}$/);
    const temp = await opensslAsync(oaepDecryptArgs(rsa[2048].privPath, 'SHA-256'), Buffer.from(fields.encrypted_key_material!, 'base64'));
    expect(temp.length).toBe(32);
    const pkcs8 = await opensslAsync(['enc', '-d', '-id-aes256-wrap-pad', '-K', temp.toString('hex'), '-iv', 'A65959A6'], Buffer.from(fields.encrypted_privatekey!, 'base64'));
    expect(pkcs8.equals(await pkcs8Of(rsaTarget))).toBe(true);

    const sym = await wrapKeyMaterial(wk(2048), aes, { provider: 'huawei', algorithm: 'RSAES_OAEP_SHA_256' });
    const ds = deliverKeyMaterial(sym, { provider: 'huawei', algorithm: 'RSAES_OAEP_SHA_256', keySpec: 'AES_256', wrappingKeySpec: 'RSA_2048' });
    expect(ds.text).toMatch(/^[0-9a-zA-Z+/=]{344,360}$/);
    expect(Buffer.from(ds.text!, 'base64').equals(Buffer.from(sym))).toBe(true);
  });

  test("OCI: the CLI's WrappedImportKey JSON; Google and Alibaba as their consoles take them", async () => {
    const material = await wrapKeyMaterial(wk(4096), rsaTarget, { provider: 'oci', algorithm: 'RSA_OAEP_AES_SHA256' });
    const d = deliverKeyMaterial(material, { provider: 'oci', algorithm: 'RSA_OAEP_AES_SHA256', keySpec: 'RSA_2048', wrappingKeySpec: 'RSA_4096', keyId: 'signing' });
    const json = JSON.parse(d.text!) as Record<string, string>;
    expect(Object.keys(json).sort()).toEqual(['keyMaterial', 'wrappingAlgorithm']);
    expect(json.wrappingAlgorithm).toBe('RSA_OAEP_AES_SHA256');
    expect((await unwrapKwp(Buffer.from(json.keyMaterial!, 'base64'), 4096, 'SHA-256')).equals(await pkcs8Of(rsaTarget))).toBe(true);

    const gcpKey = parseWrappingPublicKey(pem4096); // import job public key: PEM
    const g = await wrapKeyMaterial(gcpKey, aes, { provider: 'gcp', algorithm: 'RSA_OAEP_4096_SHA256_AES_256' });
    const dg = deliverKeyMaterial(g, { provider: 'gcp', algorithm: 'RSA_OAEP_4096_SHA256_AES_256', keySpec: 'AES_256', wrappingKeySpec: 'RSA_4096', keyId: 'frodo' });
    expect(dg.mediaType).toBe('application/octet-stream');
    expect(Buffer.from(dg.bytes).equals(Buffer.from(g))).toBe(true);

    const aliKey = parseWrappingPublicKey(Buffer.from(rsa[2048].spki).toString('base64')); // the API's base64 PublicKey
    const a = await wrapKeyMaterial(aliKey, aes, { provider: 'alibaba', algorithm: 'RSAES_OAEP_SHA_256' });
    const da = deliverKeyMaterial(a, { provider: 'alibaba', algorithm: 'RSAES_OAEP_SHA_256', keySpec: 'AES_256', wrappingKeySpec: 'RSA_2048', keyId: 'key-hzz62f1cb66fa42qo****' });
    expect(da.fileName).toBe('key-material_key-hzz62f1cb66fa42qo.txt');
    expect(da.text).toBe(Buffer.from(a).toString('base64'));
  });

  test('refusals by code', async () => {
    const m = new Uint8Array(256);
    await expectCode(() => deliverKeyMaterial(m, { provider: 'nope' as never, algorithm: 'x', keySpec: 'AES_256', wrappingKeySpec: 'RSA_2048' }), 'provider_unknown');
    await expectCode(() => deliverKeyMaterial(m, { provider: 'aws', algorithm: 'RSAES_PKCS1_V1_5', keySpec: 'AES_256', wrappingKeySpec: 'RSA_2048' }), 'algorithm_unknown');
    await expectCode(() => deliverKeyMaterial(new Uint8Array(0), { provider: 'aws', algorithm: 'RSAES_OAEP_SHA_256', keySpec: 'AES_256', wrappingKeySpec: 'RSA_2048' }), 'input_type');
  });
});

/**
 * Run a CLI line in bash with the program replaced by a function that prints its arguments NUL-separated, in a
 * folder holding the files it reads: the words the real program would get.
 */
function argv(line: string, program: string, files: Record<string, string>): string[] {
  const dir = scratch('byok-cli-');
  try {
    for (const [name, content] of Object.entries(files)) dir.write(name, content);
    const out = execFileSync('bash', ['--norc', '--noprofile', '-c', `${program}() { printf '%s\\0' "$@"; }\njq() { python3 -c 'import json,sys; print(json.load(open(sys.argv[2]))[sys.argv[1][1:]])' "$2" "$3"; }\n${line}`], { cwd: dir.dir, env: { PATH: process.env.PATH ?? '', VAULT_MANAGEMENT_ENDPOINT: 'https://mgmt.example', COMPARTMENT_OCID: 'ocid1.compartment.oc1..x' } });
    // nothing was created: no command substitution in the key ID ran
    expect(readdirSync(dir.dir).sort()).toEqual(Object.keys(files).sort());
    return out.toString().split('\0').slice(0, -1);
  } finally {
    dir.dispose();
  }
}

describe('CLI lines (spec §21): the vendors’ documented syntax, quoted for any key ID', () => {
  test('AWS: aws kms import-key-material with fileb:// (aws-cli examples/kms/import-key-material.rst)', () => {
    expect(importCommand({ provider: 'aws', algorithm: 'RSAES_OAEP_SHA_256', keySpec: 'SYMMETRIC_DEFAULT', keyId: '1234abcd-12ab-34cd-56ef-1234567890ab', fileName: 'EncryptedKeyMaterial.bin', tokenFileName: 'ImportToken.bin' })).toBe(
      'aws kms import-key-material --key-id 1234abcd-12ab-34cd-56ef-1234567890ab --encrypted-key-material fileb://EncryptedKeyMaterial.bin --import-token fileb://ImportToken.bin --expiration-model KEY_MATERIAL_DOES_NOT_EXPIRE',
    );
  });
  test('Google: gcloud kms keys versions import --wrapped-key-file (gcloud reference)', () => {
    expect(importCommand({ provider: 'gcp', algorithm: 'RSA_OAEP_3072_SHA256_AES_256', keySpec: 'google-symmetric-encryption', keyId: 'projects/p1/locations/global/keyRings/fellowship/cryptoKeys/frodo', importJob: 'strider', fileName: 'wrapped-key_frodo.bin' })).toBe(
      'gcloud kms keys versions import --location global --keyring fellowship --key frodo --import-job strider --algorithm google-symmetric-encryption --wrapped-key-file wrapped-key_frodo.bin',
    );
    expect(() => importCommand({ provider: 'gcp', algorithm: 'RSA_OAEP_3072_SHA256_AES_256', keySpec: 'google-symmetric-encryption', keyId: 'frodo', fileName: 'w.bin' })).toThrow(expect.objectContaining({ code: 'import_job_required' }));
  });
  test('Azure: az keyvault key import --byok-file, --kty EC --curve (azure-cli keyvault/_params.py)', () => {
    expect(importCommand({ provider: 'azure', algorithm: 'CKM_RSA_AES_KEY_WRAP', keySpec: 'EC-HSM P-256', keyId: 'ContosoFirstHSMkey', vaultName: 'ContosoKeyVaultHSM', fileName: 'ContosoFirstHSMkey.byok' })).toBe(
      'az keyvault key import --vault-name ContosoKeyVaultHSM --name ContosoFirstHSMkey --kty EC --curve P-256 --byok-file ContosoFirstHSMkey.byok',
    );
    expect(importCommand({ provider: 'azure', algorithm: 'CKM_RSA_AES_KEY_WRAP', keySpec: 'oct-HSM 256', keyId: 'k', vaultName: 'https://contosomhsm.managedhsm.azure.net', fileName: 'k.byok' })).toBe(
      'az keyvault key import --hsm-name contosomhsm --name k --kty oct --byok-file k.byok',
    );
  });
  test('Vault: vault write <mount>/keys/<name>/import ciphertext=@file type= hash_function=', () => {
    expect(importCommand({ provider: 'vault', algorithm: 'SHA256', keySpec: 'ed25519', keyId: 'signing', fileName: 'ciphertext_signing.txt' })).toBe(
      'vault write transit/keys/signing/import ciphertext=@ciphertext_signing.txt type=ed25519 hash_function=SHA256',
    );
  });
  test('Alibaba, Tencent, Huawei: values inline, read from the files; OCI: file:// JSON and the operator’s endpoint', () => {
    expect(importCommand({ provider: 'alibaba', algorithm: 'SM2PKE', keySpec: 'Aliyun_SM4', keyId: 'key-hzz6', fileName: 'key-material_key-hzz6.txt', tokenFileName: 'token_key-hzz6.txt' })).toBe(
      'aliyun kms ImportKeyMaterial --KeyId key-hzz6 --EncryptedKeyMaterial "$(cat key-material_key-hzz6.txt)" --ImportToken "$(cat token_key-hzz6.txt)" --KeyMaterialExpireUnix 0',
    );
    // the expiry the operator chose (KeyMaterialExpireUnix, ImportKeyMaterial API reference); anything but a whole number of seconds is refused
    expect(importCommand({ provider: 'alibaba', algorithm: 'RSAES_OAEP_SHA_256_AES_256_ECB_PKCS7_PAD', keySpec: 'RSA_2048', keyId: 'k', fileName: 'm.txt', tokenFileName: 't.txt', expireUnix: 1924992000 })).toMatch(/ --KeyMaterialExpireUnix 1924992000$/);
    for (const expireUnix of [-1, 1.5, '0', 2 ** 32, Number.NaN])
      expect(() => importCommand({ provider: 'alibaba', algorithm: 'RSAES_OAEP_SHA_256', keySpec: 'Aliyun_AES_256', fileName: 'm.txt', expireUnix } as never)).toThrow(expect.objectContaining({ code: 'input_type' }));
    expect(importCommand({ provider: 'tencent', algorithm: 'RSAES_OAEP_SHA_256', keySpec: 'ENCRYPT_DECRYPT (256-bit, FIPS regions)', keyId: 'k1', fileName: 'm.txt', tokenFileName: 't.txt' })).toBe(
      'tccli kms ImportKeyMaterial --KeyId k1 --EncryptedKeyMaterial "$(cat m.txt)" --ImportToken "$(cat t.txt)" --ValidTo 0',
    );
    expect(importCommand({ provider: 'huawei', algorithm: 'RSAES_OAEP_SHA_256', keySpec: 'RSA_2048', keyId: 'k1', fileName: 'key-material_k1.json', tokenFileName: 'import_token.txt' })).toBe(
      'hcloud KMS ImportKeyMaterial --key_id=k1 --import_token="$(cat import_token.txt)" --encrypted_key_material="$(jq -r .encrypted_key_material key-material_k1.json)" --encrypted_privatekey="$(jq -r .encrypted_privatekey key-material_k1.json)"',
    );
    expect(importCommand({ provider: 'oci', algorithm: 'RSA_OAEP_AES_SHA256', keySpec: 'AES 256', keyId: 'ocid1.key.oc1.iad.abc', fileName: 'wrapped_import_key.json' })).toBe(
      'oci kms management key-version import --key-id ocid1.key.oc1.iad.abc --wrapped-import-key file://wrapped_import_key.json --endpoint "$VAULT_MANAGEMENT_ENDPOINT"',
    );
  });

  const HOSTILE = ["it's", 'a b', '$(touch pwned)', '`id`', '"; rm -rf / #', '*', '~root', 'key;echo', '-x', '\\n', 'abc=', '=ls', 'k='];
  test.each(HOSTILE)('hostile key ID %j reaches the program as one argument, and runs nothing', async (keyId) => {
    const files = { 'm.txt': 'TUFURVJJQUw=', 't.txt': 'VE9LRU4=' };
    const ali = argv(importCommand({ provider: 'alibaba', algorithm: 'RSAES_OAEP_SHA_256', keySpec: 'Aliyun_AES_256', keyId, fileName: 'm.txt', tokenFileName: 't.txt' }), 'aliyun', files);
    expect(ali).toEqual(['kms', 'ImportKeyMaterial', '--KeyId', keyId, '--EncryptedKeyMaterial', 'TUFURVJJQUw=', '--ImportToken', 'VE9LRU4=', '--KeyMaterialExpireUnix', '0']);
    const hw = argv(importCommand({ provider: 'huawei', algorithm: 'RSAES_OAEP_SHA_256', keySpec: 'AES_256', keyId, fileName: 'm.txt', tokenFileName: 't.txt' }), 'hcloud', files);
    expect(hw).toEqual(['KMS', 'ImportKeyMaterial', `--key_id=${keyId}`, '--import_token=VE9LRU4=', '--encrypted_key_material=TUFURVJJQUw=']);
    const aws = argv(importCommand({ provider: 'aws', algorithm: 'RSAES_OAEP_SHA_256', keySpec: 'SYMMETRIC_DEFAULT', keyId, fileName: 'm.txt', tokenFileName: 't.txt' }), 'aws', files);
    expect(aws.slice(0, 6)).toEqual(['kms', 'import-key-material', '--key-id', keyId, '--encrypted-key-material', 'fileb://m.txt']);
    // Vault puts the key name into the API path: anything but a plain key name is refused
    if (/^(?!\.{1,2}$)[A-Za-z0-9._-]{1,128}$/.test(keyId)) {
      const vault = argv(importCommand({ provider: 'vault', algorithm: 'SHA256', keySpec: 'aes256-gcm96', keyId, fileName: 'm.txt' }), 'vault', files);
      expect(vault).toEqual(['write', `transit/keys/${keyId}/import`, 'ciphertext=@m.txt', 'type=aes256-gcm96', 'hash_function=SHA256']);
    } else await expectCode(() => importCommand({ provider: 'vault', algorithm: 'SHA256', keySpec: 'aes256-gcm96', keyId, fileName: 'm.txt' }), 'input_type');
    const oci = argv(importCommand({ provider: 'oci', algorithm: 'RSA_OAEP_SHA256', keySpec: 'AES 256', keyId, fileName: 'm.txt' }), 'oci', files);
    expect(oci).toContain(keyId);
    expect(oci).toContain('https://mgmt.example');
  });

  test('file names that look like options stay operands; Vault paths cannot climb; device names are not file names', async () => {
    const files = { '-n': 'TUFURVJJQUw=', 't.txt': 'VE9LRU4=' };
    const ali = argv(importCommand({ provider: 'alibaba', algorithm: 'RSAES_OAEP_SHA_256', keySpec: 'Aliyun_AES_256', keyId: 'k', fileName: '-n', tokenFileName: 't.txt' }), 'aliyun', files);
    expect(ali[5]).toBe('TUFURVJJQUw='); // cat read the file "-n", not stdin with line numbers
    await expectCode(() => importCommand({ provider: 'vault', algorithm: 'SHA256', keySpec: 'aes256-gcm96', keyId: '../../sys/x', fileName: 'm' }), 'input_type');
    await expectCode(() => importCommand({ provider: 'vault', algorithm: 'SHA256', keySpec: 'aes256-gcm96', keyId: 'k', mount: 'transit/../sys', fileName: 'm' }), 'input_type');
    expect(importCommand({ provider: 'vault', algorithm: 'SHA256', keySpec: 'aes256-gcm96', keyId: 'k', mount: 'transit/eu', fileName: 'm' })).toContain('vault write transit/eu/keys/k/import ');
    const d = deliverKeyMaterial(new Uint8Array(552), { provider: 'azure', algorithm: 'CKM_RSA_AES_KEY_WRAP', keySpec: 'AES_256', wrappingKeySpec: 'RSA_4096', keyId: 'CON', kekId: 'https://contoso.vault.azure.net/keys/kek/eba63d27e4e34e028839b53fac905621' });
    expect(d.fileName).toBe('_CON.byok');
    await expectCode(() => deliverKeyMaterial(new Uint8Array(256), { provider: 'aws', algorithm: 'RSAES_OAEP_SHA_256', keySpec: 'AES_256', wrappingKeySpec: 'EC_SM2' }), 'algorithm_mismatch');
  });

  test('names with hidden characters are refused, and the line never holds the token or the material', async () => {
    await expectCode(() => importCommand({ provider: 'aws', algorithm: 'RSAES_OAEP_SHA_256', keySpec: 'SYMMETRIC_DEFAULT', keyId: 'key-\u202eevil-1234', fileName: 'EncryptedKeyMaterial.bin' }), 'text_hidden_character');
    await expectCode(() => importCommand({ provider: 'aws', algorithm: 'RSAES_OAEP_SHA_256', keySpec: 'SYMMETRIC_DEFAULT', keyId: 'a\nb', fileName: 'EncryptedKeyMaterial.bin' }), 'text_hidden_character');
    await expectCode(() => importCommand({ provider: 'aws', algorithm: 'RSAES_OAEP_SHA_256', keySpec: 'HMAC_999', fileName: 'x' }), 'key_spec_unknown');
    await expectCode(() => importCommand({ provider: 'aws', algorithm: 'RSAES_PKCS1_V1_5', keySpec: 'SYMMETRIC_DEFAULT', fileName: 'x' }), 'algorithm_unknown');
  });
});
