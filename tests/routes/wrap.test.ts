// Step 5 of issue 11: one wrap for every destination. One generated AES-256 key, backed up once, wrapped for
// Alibaba Aliyun_AES_256, AWS SYMMETRIC_DEFAULT and Vault aes256-gcm96: each gets its file under its provider's
// name, and the OpenSSL CLI unwraps each to the same 32 bytes as `openssl cms -decrypt` gives from the backup.
// A failure for one destination leaves none with material; duplicate file names get -2, -3.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { Ceremony, type Destination } from '../../src/routes/ceremony.svelte.ts';
import { ceremonyRecord } from '../../src/routes/record.ts';
import { asking } from '../../src/routes/asking.svelte.ts';
import { addDestinationConfirmation, clock, wrapConfirmation } from '../../src/routes/confirmations.ts';
import { makeRsaWrappingKeys, oaepDecryptArgs, openssl, scratch } from '../helpers/openssl.ts';

const saved = vi.hoisted(() => new Map<string, Uint8Array<ArrayBuffer>>());
vi.mock('../../src/routes/download.ts', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../src/routes/download.ts')>()),
  saveFile: (name: string, data: Uint8Array | string) => {
    saved.set(name, typeof data === 'string' ? new TextEncoder().encode(data) : data.slice());
    return true;
  },
}));

const dir = scratch('byok-wrap-routes-');
afterAll(() => dir.dispose());
type Bits = 2048 | 3072 | 4096;
let rsa: Awaited<ReturnType<typeof makeRsaWrappingKeys<Bits>>>;
beforeAll(async () => {
  rsa = await makeRsaWrappingKeys(dir, [2048, 3072, 4096] as const);
});
const pem = (bits: Bits) => openssl(['pkey', '-in', rsa[bits].privPath, '-pubout']).toString();
const der = (bits: Bits) => new Uint8Array(openssl(['pkey', '-in', rsa[bits].privPath, '-pubout', '-outform', 'DER']));
const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

const PASS = 'one backup for three clouds';
const AWS_KEY = '1234abcd-12ab-34cd-56ef-1234567890ab';
const KEK = 'https://contoso-hsm.managedhsm.azure.net/keys/kek/0123456789abcdef0123456789abcdef';

/** OAEP-SHA-256 with the wrapping key of `bits`, by OpenSSL */
const oaep = (bits: Bits, block: Uint8Array) => openssl(oaepDecryptArgs(rsa[bits].privPath, 'SHA-256'), block);
/** RFC 5649 KWP unwrap, by OpenSSL */
const kwp = (kek: Uint8Array, data: Uint8Array) => openssl(['enc', '-d', '-id-aes256-wrap-pad', '-K', Buffer.from(kek).toString('hex'), '-iv', 'A65959A6'], data);

/** The three destinations of the acceptance, their files dropped in one go, a key generated and backed up. */
async function threeDestinations(): Promise<{ c: Ceremony; ali: Destination; aws: Destination; vault: Destination; backup: Uint8Array }> {
  const c = new Ceremony();
  await c.runSelfTests();
  const ali = c.first;
  c.setKeySpec(ali, 'Aliyun_AES_256');
  ali.keyId = 'key-ali';
  const aws = c.addDestination();
  c.setProvider(aws, 'aws');
  aws.keyId = AWS_KEY;
  const vault = c.addDestination();
  c.setProvider(vault, 'vault');
  vault.keyId = 'vault-key';
  const dropped = await c.dropFiles([
    new File([pem(2048)], 'publickey_ab12.pem'),
    new File(['dG9rZW4tYWxpYmFiYQ=='], 'token_ab12.txt'),
    new File([der(3072)], 'WrappingPublicKey.bin'),
    new File([new Uint8Array([9, 8, 7, 6, 255])], 'ImportToken.bin'),
    new File([pem(4096)], 'transit-wrapping-key.pem'),
  ]);
  expect(dropped).toEqual({ routed: 5, unknown: [] });
  await c.generate();
  expect(c.wrapBlockers).toEqual([{ kind: 'backup' }]);
  expect(await c.downloadBackup(PASS)).toBe(true);
  const backup = saved.get(c.backupFileName)!;
  await c.checkBackup(new File([backup], c.backupFileName), PASS);
  expect(c.backup.verified).toBe(true);
  return { c, ali, aws, vault, backup };
}

describe('one wrap for every destination', () => {
  it('gives each its file under its provider\'s name; OpenSSL unwraps all three to the backup\'s 32 bytes', async () => {
    const { c, ali, aws, vault, backup } = await threeDestinations();
    expect(c.backupFileName).toBe('target-key-backup_key-ali.pem');
    expect(c.wrapBlockers).toEqual([]);
    await c.wrap();
    expect(c.wrapProblem).toBeNull();
    expect(c.materialCount).toBe(3);
    expect(ali.material).toMatchObject({ fileName: 'key-material_key-ali.txt', mediaType: 'text/plain', algorithm: 'RSAES_OAEP_SHA_256' });
    expect(aws.material).toMatchObject({ fileName: 'EncryptedKeyMaterial.bin', mediaType: 'application/octet-stream', algorithm: 'RSAES_OAEP_SHA_256', byteLength: 384 });
    expect(vault.material).toMatchObject({ fileName: 'ciphertext_vault-key.txt', mediaType: 'text/plain', algorithm: 'SHA256' });
    expect(aws.material?.text).toBeUndefined();

    // "Download key material" per destination: exactly the delivered bytes, and the record's SHA-256 is theirs
    expect(c.allDownloaded).toBe(false);
    for (const d of [ali, aws, vault]) {
      c.downloadMaterial(d);
      const file = saved.get(d.material!.fileName)!;
      expect(Buffer.from(file).equals(Buffer.from(d.deliveredBytes()!)), d.providerId).toBe(true);
      expect(sha256(file)).toBe(d.material!.sha256);
      expect(file.length).toBe(d.material!.byteLength);
      expect(d.materialDownloaded).toBe(true);
    }
    expect(c.allDownloaded).toBe(true);
    expect(c.unsavedWork).toBe(false);

    const expected = openssl(['cms', '-decrypt', '-inform', 'PEM', '-in', dir.write('backup.pem', backup), '-pwri_password', PASS, '-binary']);
    expect(expected.length).toBe(32);
    const fromAli = oaep(2048, Buffer.from(new TextDecoder().decode(saved.get('key-material_key-ali.txt')!), 'base64'));
    const fromAws = oaep(3072, saved.get('EncryptedKeyMaterial.bin')!);
    const vaultBlob = Buffer.from(new TextDecoder().decode(saved.get('ciphertext_vault-key.txt')!), 'base64');
    expect(vaultBlob.length).toBe(512 + 40);
    const fromVault = kwp(oaep(4096, vaultBlob.subarray(0, 512)), vaultBlob.subarray(512));
    for (const [who, got] of [['alibaba', fromAli], ['aws', fromAws], ['vault', fromVault]] as const) expect(got.equals(expected), who).toBe(true);

    // each provider's CLI line, naming its files
    expect(c.cliLine(ali)).toEqual({
      line: `aliyun kms ImportKeyMaterial --KeyId key-ali --EncryptedKeyMaterial "$(cat key-material_key-ali.txt)" --ImportToken "$(cat token_ab12.txt)" --KeyMaterialExpireUnix 0`,
    });
    expect(c.cliLine(aws)).toEqual({
      line: `aws kms import-key-material --key-id ${AWS_KEY} --encrypted-key-material fileb://EncryptedKeyMaterial.bin --import-token fileb://ImportToken.bin --expiration-model KEY_MATERIAL_DOES_NOT_EXPIRE`,
    });
    expect(c.cliLine(vault)).toEqual({
      line: 'vault write transit/keys/vault-key/import ciphertext=@ciphertext_vault-key.txt type=aes256-gcm96 hash_function=SHA256',
    });

    // Alibaba's expiry, chosen at upload: a date gives its seconds; an invalid or past date gives no line at all
    // (never the default 0, which would mean "never expires"); the other providers have none
    expect(c.needsExpiry).toBe(true);
    c.expiry = 'date';
    const local = (ms: number) => new Date(ms - new Date(ms).getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
    c.expiryDate = local(Date.now() - 3600_000);
    expect(c.expireUnix).toBeUndefined();
    expect(c.cliLine(ali)).toBeNull();
    expect(c.cliLine(aws)).toHaveProperty('line');
    c.expiryDate = 'not a date';
    expect(c.cliLine(ali)).toBeNull();
    const until = Date.now() + 30 * 24 * 3600_000;
    c.expiryDate = local(until);
    const seconds = Math.floor(new Date(local(until)).getTime() / 1000);
    expect(c.expireUnix).toBe(seconds);
    expect(c.cliLine(ali)).toEqual({ line: expect.stringMatching(new RegExp(` --KeyMaterialExpireUnix ${seconds}$`)) });
    const withExpiry = ceremonyRecord(c, { operator: '', witness: '', appSha256: '', recordedAt: 0, form: 'pwa', language: 'en' });
    expect(withExpiry.destinations.map((d) => d.keyMaterialExpireUnix)).toEqual([seconds, null, null]);
    c.expiry = 'never';

    // the material is public: the key is in none of it, nor in what the page shows
    const shown = JSON.stringify([c.facts, c.destinations.map((d) => [d.material, d.wrappingKey, d.token])]);
    for (const form of [expected.toString('hex'), expected.toString('base64')]) expect(shown).not.toContain(form);

    // what the confirmations read: every file of the set, and a question before removing a destination that has one
    expect(c.facts.materialFileName).toBe('key-material_key-ali.txt, EncryptedKeyMaterial.bin, ciphertext_vault-key.txt');
    expect(c.facts.materialDownloaded).toBe(true);
    expect(wrapConfirmation(c.facts)?.losses.map((l) => l.key)).toEqual(['confirm.loss.material.replaced.downloaded']);
    const asked = c.askRemoveDestination(vault);
    expect(asking.current?.losses).toEqual([
      { key: 'confirm.loss.destination', params: { n: 3, provider: 'HashiCorp Vault' } },
      { key: 'confirm.loss.material.wiped.downloaded', params: { time: clock(vault.material!.wrappedAt), file: 'ciphertext_vault-key.txt' } },
    ]);
    asking.answer(false);
    await asked;
    expect(c.destinations).toHaveLength(3);

    // any change in step 1 drops every destination's material (it was made as one set)
    c.setProvider(vault, 'gcp');
    expect(c.materialCount).toBe(0);
    expect([ali.deliveredBytes(), aws.deliveredBytes()]).toEqual([undefined, undefined]);
  });

  it('all or nothing: a failure for one destination leaves none with material and names it', async () => {
    const { c, ali, aws, vault } = await threeDestinations();
    const az = c.addDestination();
    c.setProvider(az, 'azure');
    expect(az.keySpecName).toBe('oct-HSM 256');
    az.keyId = 'byok-key';
    await az.loadWrappingKey(pem(3072));
    expect(az.blockers).toEqual(['kekId']);
    expect(c.wrapBlockers).toEqual([{ kind: 'destination', n: 4, blocker: 'kekId' }]);
    az.kekId = 'https://contoso.vault.azure.net/keys/kek'; // no version: not a key identifier Azure accepts
    expect(c.wrapBlockers).toEqual([]);
    await c.wrap();
    expect(c.wrapProblem).toEqual({ code: 'kek_id_invalid', facts: {}, destination: 4 });
    expect(c.materialCount).toBe(0);
    for (const d of c.destinations) expect([d.material, d.deliveredBytes()], d.providerId).toEqual([null, undefined]);
    expect(c.wrapBusy).toBe(false);

    az.kekId = KEK;
    await c.wrap();
    expect(c.wrapProblem).toBeNull();
    expect(c.destinations.map((d) => d.material?.fileName)).toEqual(['key-material_key-ali.txt', 'EncryptedKeyMaterial.bin', 'ciphertext_vault-key.txt', 'byok-key.byok']);
    const byok = JSON.parse(az.material!.text!);
    expect(byok.header).toEqual({ kid: KEK, alg: 'dir', enc: 'CKM_RSA_AES_KEY_WRAP' });
    expect(c.cliLine(az)).toEqual({ line: 'az keyvault key import --hsm-name contoso-hsm --name byok-key --kty oct --byok-file byok-key.byok' });

    // the .byok file names the KEK inside: another KEK ID typed afterwards makes the set stale (not offered, not
    // recorded) until wrapped again
    expect(c.materialStale).toBe(false);
    az.kekId = KEK.replace('/kek/', '/kek2/');
    expect(c.materialStale).toBe(true);
    const record = ceremonyRecord(c, { operator: '', witness: '', appSha256: '', recordedAt: 0, form: 'pwa', language: 'en' });
    expect(record.destinations.map((d) => d.files.keyMaterial)).toEqual([null, null, null, null]);
    az.kekId = ` ${KEK} `;
    expect(c.materialStale).toBe(false);

    // wrapping again after the Azure input went bad: what was there is gone, nothing half-made replaces it
    az.kekId = 'https://contoso.vault.azure.net/keys/kek';
    await c.wrap();
    expect(c.wrapProblem).toMatchObject({ code: 'kek_id_invalid', destination: 4 });
    for (const d of [ali, aws, vault, az]) expect([d.material, d.deliveredBytes()]).toEqual([null, undefined]);
  });

  it('a setting changed while the wrap runs: the material made from the old one is discarded, never shown as the new', async () => {
    const { c, ali, aws, vault } = await threeDestinations();
    const running = c.wrap();
    expect(c.wrapBusy).toBe(true);
    // destination 1 is being wrapped under RSAES_OAEP_SHA_256 right now
    ali.setAlgorithm('RSAES_OAEP_SHA_1');
    await running;
    expect(c.wrapBusy).toBe(false);
    for (const d of [ali, aws, vault]) expect([d.material, d.deliveredBytes()], d.providerId).toEqual([null, undefined]);
    await c.wrap();
    expect(ali.material?.algorithm).toBe('RSAES_OAEP_SHA_1');
    expect(c.materialCount).toBe(3);
    // choosing another algorithm afterwards (as the page does) makes the whole set again: none is kept
    c.setAlgorithm(vault, 'SHA512');
    expect(c.materialCount).toBe(0);
    await c.wrap();
    expect([ali.material?.algorithm, vault.material?.algorithm]).toEqual(['RSAES_OAEP_SHA_1', 'SHA512']);
  });

  it('two destinations with the same file name: the second gets -2, the third -3', async () => {
    const c = new Ceremony();
    await c.runSelfTests();
    c.setProvider(c.first, 'aws');
    c.setKeySpec(c.first, 'SYMMETRIC_DEFAULT');
    c.addDestination();
    c.addDestination();
    expect(c.destinations.map((d) => d.keySpecName)).toEqual(['SYMMETRIC_DEFAULT', 'SYMMETRIC_DEFAULT', 'SYMMETRIC_DEFAULT']);
    const files = [2048, 3072, 4096].flatMap((bits) => [new File([der(bits as Bits)], 'WrappingPublicKey.bin'), new File([new Uint8Array([bits & 255, 1])], 'ImportToken.bin')]);
    expect(await c.dropFiles(files)).toEqual({ routed: 6, unknown: [] });
    expect(c.destinations.map((d) => d.wrappingKey?.spec)).toEqual(['RSA_2048', 'RSA_3072', 'RSA_4096']);
    const key = crypto.getRandomValues(new Uint8Array(32));
    await c.loadTargetText(Buffer.from(key).toString('hex'));
    await c.wrap();
    expect(c.wrapProblem).toBeNull();
    expect(c.destinations.map((d) => d.material?.fileName)).toEqual(['EncryptedKeyMaterial.bin', 'EncryptedKeyMaterial-2.bin', 'EncryptedKeyMaterial-3.bin']);
    // each under its own wrapping key
    c.destinations.forEach((d, i) => expect(oaep(([2048, 3072, 4096] as const)[i]!, d.deliveredBytes()!).equals(Buffer.from(key))).toBe(true));
  });
});

describe('the set of material stays one set (review findings)', () => {
  it('a file reloaded for one destination makes the whole set again; step 5 is never "all downloaded" with one missing', async () => {
    const { c, ali, aws, vault } = await threeDestinations();
    await c.wrap();
    for (const d of [ali, aws, vault]) c.downloadMaterial(d);
    expect([c.materialCount, c.allDownloaded, c.materialStale]).toEqual([3, true, false]);
    // a new token for one cloud (the old one expired): every destination's material goes, not only AWS's
    await c.loadToken(aws, new File([new Uint8Array([1, 2, 3, 255])], 'ImportToken.bin'));
    expect([c.materialCount, c.allDownloaded]).toEqual([0, false]);
    await c.wrap();
    // a destination without its part of the set makes the set stale and not downloaded
    ali.dropMaterial();
    expect([c.materialCount, c.materialStale, c.allDownloaded]).toEqual([2, true, false]);
    // a drop that routes nothing leaves the material as it is
    await c.wrap();
    expect(await c.dropFiles([new File(['x'], 'notes.txt')])).toEqual({ routed: 0, unknown: ['notes.txt'] });
    expect(c.materialCount).toBe(3);
  });

  it('a key ID or import job changed after the wrap makes the material outdated (file name and CLI line would disagree)', async () => {
    const { c, aws } = await threeDestinations();
    await c.wrap();
    expect(c.materialStale).toBe(false);
    aws.keyId = 'another-key';
    expect(c.materialStale).toBe(true);
    const r = ceremonyRecord(c, { operator: '', witness: '', appSha256: '', recordedAt: 0, form: 'pwa', language: 'en' });
    expect(r.destinations.map((d) => d.files.keyMaterial)).toEqual([null, null, null]);
    aws.keyId = AWS_KEY;
    expect(c.materialStale).toBe(false);
  });

  it('a token that expires after the wrap keeps the material (it may already be uploaded); it still blocks a new wrap', async () => {
    const { c, ali } = await threeDestinations();
    await c.wrap();
    ali.tokenDownloadedAt = '2020-01-01T00:00';
    expect(c.wrapBlockers).toContainEqual({ kind: 'destination', n: 1, blocker: 'tokenExpired' });
    expect([c.materialStale, c.materialCount]).toEqual([false, 3]);
    const r = ceremonyRecord(c, { operator: '', witness: '', appSha256: '', recordedAt: 0, form: 'pwa', language: 'en' });
    expect(r.destinations.every((d) => d.sha256.keyMaterialFile !== null)).toBe(true);
  });

  it('changing destination 1\'s provider keeps the key type where the new provider has it', () => {
    const c = new Ceremony();
    expect(c.first.keySpecName).toBe('RSA_2048');
    c.setProvider(c.first, 'aws');
    expect([c.first.keySpecName, c.keySpec]).toEqual(['RSA_2048', 'RSA_2048']);
    c.setProvider(c.first, 'azure');
    expect([c.first.keySpecName, c.keySpec]).toEqual(['RSA-HSM 2048', 'RSA_2048']);
    // a provider without that key type falls back to its first key spec (the operator then sees the new type)
    c.setProvider(c.first, 'tencent');
    expect(c.keySpec).not.toBe('RSA_2048');
  });
});

describe('"Add destination" once material exists', () => {
  it('asks first, naming the files it wipes; without material it adds at once', async () => {
    const { c } = await threeDestinations();
    expect(addDestinationConfirmation(c.facts)).toBeNull();
    await c.wrap();
    const q = addDestinationConfirmation(c.facts)!;
    expect(q.action).toBe('add');
    expect(q.losses).toHaveLength(1);
    expect(String(q.losses[0]!.params?.file)).toContain('EncryptedKeyMaterial.bin');
  });
});
