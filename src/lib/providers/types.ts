// The shape of a provider's data (docs/spec.md §20). A provider file is data only: the provider's own names for
// key specs and algorithms, which pairs it allows, how its token and material files look, and its CLI line.
// Nothing here runs cryptography: `construction` names an envelope of src/lib/wrap/envelopes.ts.
import type { KeySpec, WrappingKeySpec } from '../keys/key-specs.ts';
import type { Envelope } from '../wrap/envelopes.ts';

export type ProviderId = 'alibaba' | 'aws' | 'gcp' | 'azure' | 'vault' | 'huawei' | 'tencent' | 'oci';

export type { WrappingKeySpec };

/**
 * - pkcs1_v1_5_unsupported: RSAES-PKCS1-v1_5 encryption (WebCrypto has none; AWS dropped it on 2023-10-10);
 * - no_independent_oracle: no implementation on the test machine can unwrap it (e.g. SM4 key wrap), so it is not
 *   offered until one does (spec §20);
 * - no_key_type: a key type this tool does not have.
 */
export type NotOfferedReason = 'pkcs1_v1_5_unsupported' | 'no_independent_oracle' | 'no_key_type';

/** What is wrapped: secrets always as their raw bytes; asymmetric keys as PKCS#8 DER or the raw private scalar. */
export type AsymmetricPlaintext = 'pkcs8' | 'scalar';

export interface ProviderAlgorithm {
  /** the provider's own name, exactly as its console/API spells it */
  readonly name: string;
  readonly wrappingKeySpecs: readonly WrappingKeySpec[];
  /** target key types this algorithm may carry at this provider */
  readonly keySpecs: readonly KeySpec[];
  /** the construction of src/lib/wrap/envelopes.ts that carries the key (spec §9.6) */
  readonly construction: Envelope;
  /** default 'pkcs8' */
  readonly asymmetricPlaintext?: AsymmetricPlaintext;
}

/** How the uploaded material is delivered (spec §20.x per provider). */
export type DeliveryForm =
  /** standard base64 text (RFC 4648 §4, padded, no line breaks) and nothing else */
  | 'base64-text'
  /** the wrapped bytes exactly */
  | 'binary'
  /** Azure's .byok JSON: schema_version, header {kid, alg "dir", enc}, ciphertext (unpadded base64url), generator */
  | 'azure-byok'
  /** Huawei's two API fields as JSON: encrypted_key_material (RSA block), encrypted_privatekey (KWP part) */
  | 'huawei-json'
  /** OCI's WrappedImportKey JSON: keyMaterial (standard base64), wrappingAlgorithm */
  | 'oci-json';

export interface Provider {
  readonly id: ProviderId;
  /** the name users know, e.g. "Alibaba Cloud KMS" */
  readonly name: string;
  /** the provider's own key spec names → neutral KeySpec; in the order the provider lists them */
  readonly keySpecs: Readonly<Record<string, KeySpec>>;
  /**
   * One entry per name and construction (Huawei's RSAES_OAEP_SHA_256 is direct for secrets and OAEP ‖ KWP for
   * asymmetric keys: two entries with disjoint keySpecs). Among those that carry a key type, the order is the
   * provider's preference unless `recommended` names one for that kind of key.
   */
  readonly algorithms: readonly ProviderAlgorithm[];
  readonly recommended?: Readonly<Partial<Record<'secret' | 'asymmetric', string>>>;
  /** algorithms the provider lists that this tool does not offer, and why (an error code) */
  readonly notOffered: readonly { readonly name: string; readonly reason: NotOfferedReason }[];
  /** key specs the provider lists that this tool does not offer, and why */
  readonly keySpecsNotOffered?: readonly { readonly name: string; readonly reason: NotOfferedReason }[];
  /** what the provider needs besides the wrapping key and token */
  readonly needs?: readonly ('kekId' | 'importJob')[];
  readonly token: {
    /** 'text': base64 text file; 'binary': raw bytes, never decoded; 'none': an import job name instead */
    readonly form: 'text' | 'binary' | 'none';
    /** how long the wrapping key and token (or import job) stay valid, as the provider states it */
    readonly validityHours: number;
  };
  /** file names as the provider's console downloads them; `{id}` is the key ID part */
  readonly files: {
    readonly wrappingKey: readonly RegExp[];
    readonly token?: readonly RegExp[];
  };
  /** the provider's CLI line for the upload, as words (spec §21); the caller shell-quotes them */
  readonly cli: (c: CliContext) => readonly CliWord[];
  /** a key ID the CLI puts into a path must match this (Vault: a key name, never "../…") */
  readonly keyIdPattern?: RegExp;
  readonly delivery: {
    readonly form: DeliveryForm;
    /** `{id}` is replaced by the key ID (made safe for a file name), or dropped with its separator when absent */
    readonly fileName: string;
    /** where asymmetric keys are delivered otherwise (Huawei: two API fields) */
    readonly asymmetric?: { readonly form: DeliveryForm; readonly fileName: string };
  };
}

/** What a CLI line is built from; every value is the user's (or the provider's) public name, never file content. */
export interface CliContext {
  keyId: string;
  /** the provider's own key spec name */
  keySpecName: string;
  keySpec: KeySpec;
  algorithm: string;
  fileName: string;
  tokenFileName?: string;
  importJob?: string;
  vaultName?: string;
  /** Vault's mount path, default "transit" */
  mount: string;
  /** Alibaba: KeyMaterialExpireUnix, seconds since the epoch; 0 (the default) for material that never expires */
  expireUnix: number;
}

/**
 * One shell word: a plain string is single-quoted as needed; `cat` reads a file's text ("$(cat 'name')"); `json`
 * one string field of a JSON file ("$(jq -r .field 'name')"); `env` is a variable the operator sets ("$NAME") for
 * what the tool cannot know (an OCI compartment, say); `opt` is a literal `--name=` glued to its value (KooCLI's
 * --name=value), the only way two parts make one word.
 */
export type CliValue = string | { readonly cat: string } | { readonly json: string; readonly field: string } | { readonly env: string };
export type CliWord = CliValue | { readonly opt: string; readonly value: CliValue };
