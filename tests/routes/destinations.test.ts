// Step 1 and 2 of issue 11: one key, many destinations. A new destination starts from the first one's provider
// and key spec; another provider keeps the key type where it has it; a destination of another key type is refused;
// the algorithm list is the provider's for that key spec, its recommended one first, with what it lacks and why.
// Step 2: each provider's files are read in its own form (AWS's token is binary, byte for byte) and dropped files
// go to the destination whose provider names them so.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROVIDERS } from '../../src/lib/index.ts';
import { asking } from '../../src/routes/asking.svelte.ts';
import { Ceremony } from '../../src/routes/ceremony.svelte.ts';
import { CATALOGUES, type MessageKey } from '../../src/routes/i18n.ts';
import { makeRsaWrappingKeys, openssl, scratch } from '../helpers/openssl.ts';

const dir = scratch('byok-destinations-');
afterAll(() => dir.dispose());
let rsa: Awaited<ReturnType<typeof makeRsaWrappingKeys<2048 | 4096>>>;
beforeAll(async () => {
  rsa = await makeRsaWrappingKeys(dir, [2048, 4096] as const);
});
const pem = (bits: 2048 | 4096) => openssl(['pkey', '-in', rsa[bits].privPath, '-pubout']).toString();
const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

describe('step 1: destinations', () => {
  it('"Add destination" starts from the first destination\'s provider and key spec, with its own key ID', () => {
    const c = new Ceremony();
    c.setKeySpec(c.first, 'EC_P256');
    c.first.keyId = 'key-first';
    const d = c.addDestination();
    expect(c.destinations).toEqual([c.first, d]);
    expect([d.providerId, d.keySpecName, d.keySpec, d.keyId]).toEqual(['alibaba', 'EC_P256', 'EC_P256', '']);
    expect(c.numberOf(d)).toBe(2);
    expect(c.keyTypeRefused(d)).toBe(false);
    expect(d.uid).not.toBe(c.first.uid);
  });

  it('another provider keeps the key type in its own words: Aliyun_AES_256 → SYMMETRIC_DEFAULT, aes256-gcm96, oct-HSM 256', () => {
    const c = new Ceremony();
    c.setKeySpec(c.first, 'Aliyun_AES_256');
    expect(c.keySpec).toBe('AES_256');
    const expected = { aws: 'SYMMETRIC_DEFAULT', vault: 'aes256-gcm96', azure: 'oct-HSM 256', gcp: 'google-symmetric-encryption' } as const;
    for (const [provider, name] of Object.entries(expected) as [keyof typeof expected, string][]) {
      const d = c.addDestination();
      c.setProvider(d, provider);
      expect([d.keySpecName, d.keySpec], provider).toEqual([name, 'AES_256']);
      expect(c.keyTypeRefused(d), provider).toBe(false);
    }
    expect(c.destinations[1]!.algorithm?.name).toBe('RSAES_OAEP_SHA_256');
    expect(c.wrapBlockers.filter((b) => b.kind === 'destination' && b.blocker === 'keyType')).toEqual([]);
  });

  it('a destination of another key type is refused with the reason, and blocks wrapping', () => {
    const c = new Ceremony();
    expect(c.keySpec).toBe('RSA_2048');
    const d = c.addDestination();
    c.setKeySpec(d, 'EC_P256');
    expect(c.keyTypeRefused(d)).toBe(true);
    expect(c.keyTypeRefused(c.first)).toBe(false);
    expect(c.wrapBlockers).toContainEqual({ kind: 'destination', n: 2, blocker: 'keyType' });
    c.setKeySpec(d, 'RSA_2048');
    expect(c.wrapBlockers).not.toContainEqual({ kind: 'destination', n: 2, blocker: 'keyType' });
    // the same family at another length is another key type
    c.setKeySpec(c.first, 'Aliyun_AES_256');
    const v = c.addDestination();
    c.setProvider(v, 'vault');
    c.setKeySpec(v, 'aes128-gcm96');
    expect(c.keyTypeRefused(v)).toBe(true);
    // a provider without the key type falls back to its first key spec, refused until another is chosen
    c.setKeySpec(c.first, 'EC_P256K');
    const w = c.addDestination();
    c.setProvider(w, 'vault');
    expect(w.keySpecName).toBe('aes128-gcm96');
    expect(c.keyTypeRefused(w)).toBe(true);
    // the first destination decides: changing it refuses the others that no longer match
    expect(c.keyTypeRefused(d)).toBe(true);
  });

  it('changing a destination\'s provider drops its wrapping key and token (another console\'s files), not the others\'', async () => {
    const c = new Ceremony();
    await c.first.loadWrappingKey(pem(2048));
    const d = c.addDestination();
    await d.loadWrappingKey(pem(2048));
    await d.loadToken('dG9rZW4=');
    expect(d.blockers).toEqual([]);
    c.setProvider(d, 'alibaba'); // the same provider: nothing changes
    expect(d.wrappingKey).not.toBeNull();
    c.setProvider(d, 'aws');
    expect([d.wrappingKey, d.token, d.wrappingKeyObject()]).toEqual([null, null, undefined]);
    expect(d.blockers).toEqual(['wrappingKey', 'token']);
    expect(c.first.wrappingKey).not.toBeNull();
  });

  it('"Remove destination": the first stays; an empty one goes at once; one holding files asks first', async () => {
    const c = new Ceremony();
    c.removeDestination(c.first);
    expect(c.destinations).toHaveLength(1);

    const empty = c.addDestination();
    await c.askRemoveDestination(empty);
    expect(asking.current).toBeNull();
    expect(c.destinations).toEqual([c.first]);

    const d = c.addDestination();
    c.setProvider(d, 'aws');
    await d.loadWrappingKey(new File([new Uint8Array(openssl(['pkey', '-in', rsa[2048].privPath, '-pubout', '-outform', 'DER']))], 'WrappingPublicKey.bin'));
    const no = c.askRemoveDestination(d);
    expect(asking.current?.action).toBe('remove');
    expect(asking.current?.losses).toEqual([{ key: 'confirm.loss.destination', params: { n: 2, provider: 'AWS KMS' } }]);
    asking.answer(false);
    await no;
    expect(c.destinations).toEqual([c.first, d]);
    expect(d.wrappingKey).not.toBeNull();
    const yes = c.askRemoveDestination(d);
    asking.answer(true);
    await yes;
    expect(c.destinations).toEqual([c.first]);
    expect([d.wrappingKey, d.wrappingKeyObject()]).toEqual([null, undefined]);
  });

  it('algorithms: only those the provider allows for the key spec, recommended first; the rest listed with a reason', () => {
    const c = new Ceremony();
    const d = c.first;
    c.setProvider(d, 'aws');
    const names = () => d.algorithms.map((a) => a.name);
    const reasons = () => d.notAvailable.map((n) => [n.name, n.reason]);

    c.setKeySpec(d, 'RSA_2048');
    expect(names()).toEqual(['RSA_AES_KEY_WRAP_SHA_256', 'RSA_AES_KEY_WRAP_SHA_1', 'SM2PKE']);
    expect(d.algorithm?.name).toBe('RSA_AES_KEY_WRAP_SHA_256');
    const notForRsa = { key: 'step1.na.keySpec', params: { spec: 'RSA_2048' } };
    expect(reasons()).toEqual([
      ['RSAES_OAEP_SHA_256', notForRsa],
      ['RSAES_OAEP_SHA_1', notForRsa],
      ['RSAES_PKCS1_V1_5', { key: 'step1.na.pkcs1_v1_5_unsupported' }],
    ]);

    c.setKeySpec(d, 'SYMMETRIC_DEFAULT');
    expect(names()).toEqual(['RSAES_OAEP_SHA_256', 'RSAES_OAEP_SHA_1']);
    expect(reasons().map(([n]) => n)).toEqual(['RSA_AES_KEY_WRAP_SHA_256', 'RSA_AES_KEY_WRAP_SHA_1', 'SM2PKE', 'RSAES_PKCS1_V1_5']);

    // an EC key: AWS recommends RSA_AES_KEY_WRAP_SHA_256 although RSAES_OAEP_SHA_256 comes first in its list
    c.setKeySpec(d, 'ECC_NIST_P384');
    expect(names()[0]).toBe('RSA_AES_KEY_WRAP_SHA_256');
    expect(names()).toEqual(expect.arrayContaining(['RSAES_OAEP_SHA_256', 'RSAES_OAEP_SHA_1', 'RSA_AES_KEY_WRAP_SHA_1', 'SM2PKE']));
    d.setAlgorithm('RSAES_OAEP_SHA_256');
    expect(d.algorithm?.name).toBe('RSAES_OAEP_SHA_256');
    // a new key spec starts again from the recommended algorithm
    c.setKeySpec(d, 'ECC_NIST_P256');
    expect(d.algorithm?.name).toBe('RSA_AES_KEY_WRAP_SHA_256');

    // Vault: a key type this tool lacks is listed with its reason
    c.setProvider(d, 'vault');
    expect(d.keySpecsNotOffered).toEqual([{ name: 'chacha20-poly1305', reason: 'no_key_type' }]);

    // every reason has its words in both languages, every placeholder filled
    for (const p of ['alibaba', 'aws', 'gcp', 'azure', 'vault', 'huawei', 'tencent', 'oci'] as const) {
      c.setProvider(d, p);
      for (const name of Object.keys(PROVIDERS[p].keySpecs)) {
        c.setKeySpec(d, name);
        for (const n of d.notAvailable)
          for (const lang of ['en', 'zh-CN'] as const) {
            const text = CATALOGUES[lang][n.reason.key as MessageKey];
            expect(text, `${lang} ${n.reason.key}`).toBeTruthy();
            for (const ph of text.match(/\{(\w+)\}/g) ?? []) expect(n.reason.params ?? {}, `${p} ${name} ${ph}`).toHaveProperty(ph.slice(1, -1));
          }
      }
    }
  });
});

describe('step 2: wrapping keys and tokens in each provider\'s form', () => {
  it('AWS: ImportToken.bin is binary by the provider data, kept byte for byte even when it is valid UTF-8', async () => {
    const c = new Ceremony();
    const d = c.first;
    c.setProvider(d, 'aws');
    expect(d.provider.token.form).toBe('binary');
    // bytes that would also read as a base64 text token: never decoded, never trimmed
    const utf8 = new TextEncoder().encode(' dG9rZW4=\n');
    await d.loadToken(new File([utf8], 'ImportToken.bin'));
    expect(d.tokenProblem).toBeNull();
    expect(d.token).toMatchObject({ form: 'binary', length: utf8.length, sha256: sha256(utf8), fileName: 'ImportToken.bin' });
    // and bytes that are not UTF-8 at all
    const raw = new Uint8Array(1600);
    crypto.getRandomValues(raw);
    raw[0] = 0xff;
    await d.loadToken(new File([raw], 'ImportToken.bin'));
    expect(d.token).toMatchObject({ form: 'binary', length: 1600, sha256: sha256(raw) });
    // the binary wrapping key: DER SubjectPublicKeyInfo; its SHA-256 is the SPKI's
    const der = new Uint8Array(openssl(['pkey', '-in', rsa[4096].privPath, '-pubout', '-outform', 'DER']));
    await d.loadWrappingKey(new File([der], 'WrappingPublicKey.bin'));
    expect(d.wrappingKey).toMatchObject({ spec: 'RSA_4096', source: 'der', sha256: sha256(der), fileName: 'WrappingPublicKey.bin' });

    // Alibaba's token is text: binary bytes are refused with the form expected
    const a = c.addDestination();
    c.setProvider(a, 'alibaba');
    await a.loadToken(new File([raw], 'token_x.txt'));
    expect(a.tokenProblem).toEqual({ code: 'token_form', facts: expect.objectContaining({ expected: 'text', found: 'binary' }) });
    expect(a.token).toBeNull();
  });

  it('dropped files go to the destination whose provider names them so; other names are reported, spelled out', async () => {
    const c = new Ceremony();
    c.setKeySpec(c.first, 'Aliyun_AES_256');
    const aws = c.addDestination();
    c.setProvider(aws, 'aws');
    const vault = c.addDestination();
    c.setProvider(vault, 'vault');
    const der = new Uint8Array(openssl(['pkey', '-in', rsa[2048].privPath, '-pubout', '-outform', 'DER']));
    const token = new Uint8Array([0, 1, 2, 250, 251]);
    const result = await c.dropFiles([
      new File([pem(2048)], 'publickey_ab12.pem'),
      new File(['dG9rZW4='], 'token_ab12.txt'),
      new File([der], 'WrappingPublicKey.bin'),
      new File([token], 'ImportToken.bin'),
      new File([pem(4096)], 'vault-transit-wrapping.pem'),
      new File(['x'], 'notes\u202E.txt'),
      new File(['x'], 'EncryptedKeyMaterial.bin'),
    ]);
    expect(result).toEqual({ routed: 5, unknown: ['notes⟨U+202E⟩.txt', 'EncryptedKeyMaterial.bin'] });
    expect([c.first.wrappingKey?.fileName, c.first.token?.fileName]).toEqual(['publickey_ab12.pem', 'token_ab12.txt']);
    expect([aws.wrappingKey?.fileName, aws.token?.fileName, aws.token?.sha256]).toEqual(['WrappingPublicKey.bin', 'ImportToken.bin', sha256(token)]);
    expect([vault.wrappingKey?.fileName, vault.wrappingKey?.spec]).toEqual(['vault-transit-wrapping.pem', 'RSA_4096']);
    for (const d of c.destinations) expect(d.blockers, d.providerId).toEqual([]);
    expect(c.first.downloadSuffix).toBe('ab12');

    // a provider's own names win over another's broad pattern, whatever the order of the destinations: Tencent
    // takes any name with "publickey"/"token" in it, Vault any .pem; they get only what no one names exactly
    const mixed = new Ceremony();
    mixed.setProvider(mixed.first, 'tencent');
    expect(mixed.keySpec).toBe('AES_256');
    const [tencent, v, ali, a] = [mixed.first, mixed.addDestination(), mixed.addDestination(), mixed.addDestination()];
    mixed.setProvider(v, 'vault');
    mixed.setProvider(ali, 'alibaba');
    mixed.setProvider(a, 'aws');
    expect(mixed.destinations.map((d) => mixed.keyTypeRefused(d))).toEqual([false, false, false, false]);
    expect(
      await mixed.dropFiles([
        new File([pem(2048)], 'publickey_ab12.pem'),
        new File(['dG9rZW4='], 'token_ab12.txt'),
        new File([der], 'WrappingPublicKey.bin'),
        new File([token], 'ImportToken.bin'),
        new File([pem(4096)], 'transit.pem'),
        new File([pem(2048)], 'tencent-publickey.pem'),
        new File(['dGVuY2VudA=='], 'tencent-token.txt'),
      ]),
    ).toEqual({ routed: 7, unknown: [] });
    expect(mixed.destinations.map((d) => [d.providerId, d.wrappingKey?.fileName, d.token?.fileName])).toEqual([
      ['tencent', 'tencent-publickey.pem', 'tencent-token.txt'],
      ['vault', 'transit.pem', undefined],
      ['alibaba', 'publickey_ab12.pem', 'token_ab12.txt'],
      ['aws', 'WrappingPublicKey.bin', 'ImportToken.bin'],
    ]);
    for (const d of [tencent, v, ali, a]) expect(d.blockers, d.providerId).toEqual([]);
    // dropped again (a new Alibaba pair) while Vault's .pem is empty: the Alibaba destination's files are replaced
    v.dropInputs();
    expect(await mixed.dropFiles([new File([pem(2048)], 'publickey_cd34.pem'), new File(['dG9rZW4y'], 'token_cd34.txt')])).toEqual({ routed: 2, unknown: [] });
    expect([ali.wrappingKey?.fileName, ali.token?.fileName, v.wrappingKey]).toEqual(['publickey_cd34.pem', 'token_cd34.txt', null]);

    // two AWS destinations: the same names in one drop fill one each, in order
    const c2 = new Ceremony();
    c2.setProvider(c2.first, 'aws');
    const second = c2.addDestination();
    const der4096 = new Uint8Array(openssl(['pkey', '-in', rsa[4096].privPath, '-pubout', '-outform', 'DER']));
    expect(await c2.dropFiles([new File([der], 'WrappingPublicKey.bin'), new File([der4096], 'WrappingPublicKey.bin')])).toEqual({ routed: 2, unknown: [] });
    expect([c2.first.wrappingKey?.spec, second.wrappingKey?.spec]).toEqual(['RSA_2048', 'RSA_4096']);

    // a browser's second download of the same name ("WrappingPublicKey (1).bin") is still AWS's file
    const c3 = new Ceremony();
    c3.setProvider(c3.first, 'aws');
    expect(await c3.dropFiles([new File([der], 'WrappingPublicKey (1).bin'), new File([new Uint8Array([0xff, 1, 2])], 'ImportToken (1).bin')])).toEqual({ routed: 2, unknown: [] });
    expect([c3.first.wrappingKey?.spec, c3.first.token?.form]).toEqual(['RSA_2048', 'binary']);
  });
});

describe('two keys of one provider in one drop', () => {
  it('each file goes to the destination whose key ID it is named after, whatever the order of the drop', async () => {
    const c = new Ceremony();
    c.setKeySpec(c.first, 'Aliyun_AES_256');
    c.first.keyId = 'key-bbb';
    const second = c.addDestination();
    second.keyId = 'key-aaa';
    const dropped = await c.dropFiles([
      new File([pem(2048)], 'publickey_key-aaa.pem'),
      new File(['dG9rZW4tYWFh'], 'token_key-aaa.txt'),
      new File([pem(2048)], 'publickey_key-bbb.pem'),
      new File(['dG9rZW4tYmJi'], 'token_key-bbb.txt'),
    ]);
    expect(dropped).toEqual({ routed: 4, unknown: [] });
    expect([c.first.wrappingKey?.fileName, c.first.token?.fileName]).toEqual(['publickey_key-bbb.pem', 'token_key-bbb.txt']);
    expect([second.wrappingKey?.fileName, second.token?.fileName]).toEqual(['publickey_key-aaa.pem', 'token_key-aaa.txt']);
    expect([c.first.pairNotices, second.pairNotices]).toEqual([[], []]);
  });
});
