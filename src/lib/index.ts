// The one public face of the byok-wrap library (docs/spec.md). The UI and the tests use only this module.
import './messages.ts'; // wires English messages into ByokError

export type { KeySpec, WrappingAlgorithm, WrappingKeySpec, AlgorithmInfo } from './specs.ts';
export { KEY_SPECS, WRAPPING_ALGORITHMS, ALGORITHMS, ALIBABA_ASYMMETRIC_KEY_SPECS, algorithmForWrappingKey, algorithmForTargetSpec, materialLength, isKeySpec } from './specs.ts';
export type { AsymmetricKeySpec, SecretKeySpec, KeySpecInfo } from './keys/key-specs.ts';
export { KEY_SPEC_INFO } from './keys/key-specs.ts';

export type { WrappingPublicKey } from './wrapping-key.ts';
export { parseWrappingPublicKey } from './wrapping-key.ts';

export type { ImportToken, ImportTokenOptions, TextImportToken, BinaryImportToken } from './token.ts';
export { parseImportToken } from './token.ts';

export type { TargetKey, AsymmetricTargetKey, SecretTargetKey, SecretKeyFormat } from './target-key.ts';
export { generateTargetKey, parseTargetKey, exportTargetKey, sameKey } from './target-key.ts';

export type { ProviderId, Provider, ProviderAlgorithm, DeliveryForm, NotOfferedReason } from './providers/types.ts';
export { PROVIDERS, PROVIDER_IDS, algorithmsFor } from './providers/index.ts';
export type { Delivery, DeliveryContext, ImportCommandContext } from './delivery.ts';
export { deliverKeyMaterial, importCommand } from './delivery.ts';
export { hiddenCharacters, showHidden } from './text.ts';

export type { PublicKeyComparison, WrapChoice } from './material.ts';
export { wrapKeyMaterial, encodeKeyMaterial, comparePublicKey, comparePublicKeys } from './material.ts';

export type { ErrorCode, ErrorFacts } from './errors.ts';
export { ByokError, isByokError } from './errors.ts';
export type { Lang, ErrorText, DescribedError } from './messages.ts';
export { describeError, LANGS, ERROR_CATALOGUE } from './messages.ts';

export type { PrivateKeyFormat } from './formats/types.ts';
export { sha256Hex, formatFingerprint, toBase64, toHex } from './bytes.ts';

export type { SelfTestName, SelfTestResult, SelfTestReport } from './self-test.ts';
export { runSelfTests, SELF_TEST_NAMES } from './self-test.ts';
