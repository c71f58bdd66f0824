// One error type for the whole library (docs/spec.md §7). The code is from a closed union; the facts are
// public values (lengths, bit sizes, OIDs, curve and format names) that explain it. Never key bytes or file
// contents. Messages and hints live in ./messages.ts, one catalogue per language.

export type ErrorCode =
  // generic input
  | 'input_type' // not a string / Uint8Array (or a wrong typed array)
  | 'input_empty'
  | 'input_too_large'
  | 'base64_invalid'
  | 'pem_malformed'
  | 'pem_multiple_keys'
  | 'der_truncated'
  | 'der_trailing_data'
  | 'der_malformed'
  | 'format_unrecognized'
  | 'not_a_key_file' // a well-known other file type (spec §2.1): PNG, PDF, ZIP, …
  | 'public_key_expected' // verify after import (spec §6.2) was given something other than a public key
  // wrapping public key (spec §4)
  | 'wrapping_key_is_certificate'
  | 'wrapping_key_is_private_key'
  | 'wrapping_key_unsupported'
  | 'wrapping_key_invalid'
  | 'algorithm_mismatch'
  | 'spec_not_supported_by_algorithm'
  // import token (spec §5)
  | 'token_empty'
  | 'token_invalid'
  | 'token_form' // the provider's token is binary and text was given, or the reverse (spec §5.1)
  // target asymmetric key (spec §3)
  | 'key_spec_unknown'
  | 'key_is_public'
  | 'key_algorithm_unsupported'
  | 'rsa_modulus_size'
  | 'rsa_inconsistent'
  | 'rsa_multi_prime'
  | 'ec_curve_unsupported'
  | 'ec_explicit_parameters'
  | 'ec_scalar_out_of_range'
  | 'ec_public_key_mismatch'
  | 'ec_point_invalid'
  | 'jwk_invalid'
  | 'passphrase_required'
  | 'passphrase_wrong'
  | 'passphrase_empty'
  | 'encryption_unsupported'
  | 'key_disposed'
  // encrypted backup of a secret key: CMS password recipient (spec §9.7)
  | 'backup_not_password_encrypted' // CMS, but not EnvelopedData for a password recipient
  | 'backup_unsupported' // a key derivation, key wrap or cipher we do not read, or an out-of-range count
  // key types: secrets and Ed25519 (spec §10)
  | 'key_spec_required' // a secret key without options.spec
  | 'key_spec_mismatch' // options.spec given, and the key is of another type
  | 'secret_length' // decoded secret not the type's length
  | 'secret_encoding' // secret text that is neither hex nor base64
  | 'ed25519_public_key_mismatch'
  // environment
  // providers, delivery and CLI lines (spec §20, §21)
  | 'provider_unknown'
  | 'algorithm_unknown' // the provider has no algorithm of that name
  | 'key_too_large_for_algorithm' // direct OAEP holds k − 2·hLen − 2 bytes (spec §9.1)
  | 'kek_id_required' // Azure: the .byok header needs the KEK's key identifier
  | 'kek_id_invalid'
  | 'import_job_required' // Google: the CLI line needs the import job
  | 'text_hidden_character' // a typed name with a bidi or control character (spec §2.3)
  | 'crypto_unavailable'
  | 'rng_failed' // crypto.getRandomValues repeated itself or never gave a usable value (spec §3.7)
  | 'self_test_failed';

/** Public facts only: never secret values or file contents. */
export interface ErrorFacts {
  /** what the input actually is, in words ("an X.509 certificate", "an EC P-384 public key") */
  found?: string;
  /** what was expected, in words */
  expected?: string;
  bits?: number;
  length?: number;
  limit?: number;
  offset?: number;
  oid?: string;
  curve?: string;
  label?: string;
  field?: string;
  spec?: string;
  algorithm?: string;
  /** a provider id ("aws") */
  provider?: string;
  /** which consistency check failed (e.g. "n = p·q") */
  check?: string;
  /** which self-test failed */
  test?: string;
  /** what kind of non-key file it is (formats/file-type.ts) */
  fileType?: string;
}

export class ByokError extends Error {
  readonly code: ErrorCode;
  readonly facts: Readonly<ErrorFacts>;
  constructor(code: ErrorCode, facts: ErrorFacts = {}) {
    super(); // not super(code): Error() converts its argument to a string, which a JavaScript caller's value may refuse
    this.name = 'ByokError';
    this.code = code;
    this.facts = Object.freeze({ ...facts });
    // The English message is filled in lazily by messages.ts (setMessageRenderer) to keep this module free of
    // the catalogue; Node/CLI users still see a readable message.
    this.message = renderer ? renderer(this) : typeof code === 'string' ? code : 'unknown error';
  }
}

let renderer: ((e: ByokError) => string) | undefined;
/** @internal wired by messages.ts */
export function setMessageRenderer(r: (e: ByokError) => string): void {
  renderer = r;
}

export function fail(code: ErrorCode, facts?: ErrorFacts): never {
  throw new ByokError(code, facts);
}

/** Never throws: `instanceof` runs a Proxy's getPrototypeOf trap, and a hostile value is simply not ours. */
export function isByokError(e: unknown): e is ByokError {
  try {
    return e instanceof ByokError;
  } catch {
    return false;
  }
}
