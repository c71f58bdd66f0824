// The one catalogue of error messages and hints, per language (docs/spec.md §7).
// Style (house style, after age): lowercase, specific, one hint that tells the user what to do.
// Only public facts are interpolated; never key bytes, passphrases or file contents.
import { ByokError, isByokError, setMessageRenderer, type ErrorCode, type ErrorFacts } from './errors.ts';
import { KEY_SPECS, KEY_SPEC_INFO, type KeySpec, type KeySpecInfo } from './keys/key-specs.ts';
import { PROVIDER_IDS, PROVIDERS } from './providers/index.ts';

export type Lang = 'en' | 'zh-CN';
export const LANGS: readonly Lang[] = ['en', 'zh-CN'];

export interface ErrorText {
  message: string;
  hint: string;
}
type Entry = (f: ErrorFacts) => ErrorText;

// The library serves every provider, so its words are provider-neutral: what byok-wrap itself reads, derived
// from the key-type table (spec §10) and the provider data, never written out by hand. An app for one
// provider's flow adds that provider's words on top (src/routes/i18n.ts, 'problem.<code>.*').
const info = (s: KeySpec): KeySpecInfo => KEY_SPEC_INFO[s];
const ASYMMETRIC_SPECS = KEY_SPECS.filter((s) => info(s).kind === 'asymmetric');
const RSA_BITS = KEY_SPECS.map(info).flatMap((i) => (i.family === 'rsa' ? [String(i.modulusBits)] : []));
const EC_CURVES = KEY_SPECS.map(info).flatMap((i) => (i.family === 'ec' ? [i.curve] : []));
/** The wrapping key types some provider hands out, in table order (what parseWrappingPublicKey reads, spec §4.2). */
const WRAPPING_SPECS = KEY_SPECS.filter((s) => PROVIDER_IDS.some((id) => PROVIDERS[id]?.algorithms.some((a) => (a.wrappingKeySpecs as readonly KeySpec[]).includes(s))));

/** "a, b or c" / "a、b 或 c" */
function list(items: readonly string[], lang: 'en' | 'zh', last: 'or' | 'and' = 'or'): string {
  if (items.length < 2) return items.join('');
  const tail = lang === 'en' ? ` ${last} ` : last === 'or' ? ' 或 ' : ' 和 ';
  return items.slice(0, -1).join(lang === 'en' ? ', ' : '、') + tail + items.at(-1)!;
}

const FILE_TYPE_WORDS: Record<string, { en: string; zh: string }> = {
  png: { en: 'a PNG image', zh: 'PNG 图片' },
  jpeg: { en: 'a JPEG photo', zh: 'JPEG 照片' },
  gif: { en: 'a GIF image', zh: 'GIF 图片' },
  pdf: { en: 'a PDF document', zh: 'PDF 文档' },
  zip: { en: 'a ZIP archive or an Office document', zh: 'ZIP 压缩包或 Office 文档' },
  gzip: { en: 'a gzip archive', zh: 'gzip 压缩包' },
  utf16: { en: 'text saved as UTF-16', zh: '以 UTF-16 保存的文本' },
  webp: { en: 'a RIFF file (WebP image, sound or video)', zh: 'RIFF 文件（WebP 图片、音频或视频）' },
  bmp: { en: 'a BMP image', zh: 'BMP 图片' },
  exe: { en: 'a Windows program', zh: 'Windows 程序' },
  rtf: { en: 'an RTF document', zh: 'RTF 文档' },
  ole: { en: 'an old Office document', zh: '旧版 Office 文档' },
};
const fileTypeWords = (f: ErrorFacts, lang: 'en' | 'zh'): string => (f.fileType && FILE_TYPE_WORDS[f.fileType]?.[lang]) || (lang === 'en' ? 'another kind of file' : '其他类型的文件');

const en: Record<ErrorCode, Entry> = {
  input_type: () => ({ message: 'the input is not text or bytes', hint: 'pass a string or a Uint8Array.' }),
  input_empty: () => ({ message: 'the input is empty', hint: 'choose the file again or paste its contents.' }),
  input_too_large: (f) => ({
    message: `the input is too large for a key file (${f.length ?? '?'} bytes, limit ${f.limit ?? '?'})`,
    hint: 'check that you picked the key file and not some other file.',
  }),
  base64_invalid: () => ({
    message: 'the text is not valid base64',
    hint: 'paste the base64 exactly as the provider gave it, or use the downloaded file.',
  }),
  pem_malformed: (f) => ({
    message: `the PEM block${f.label ? ` "${f.label}"` : ''} is incomplete or damaged`,
    hint: 'the file must contain matching -----BEGIN …----- and -----END …----- lines; copy it again.',
  }),
  pem_multiple_keys: (f) => ({
    message: `the file holds ${f.length ?? 'several'} keys; exactly one is expected`,
    hint: 'split the file so that it holds only the key you want to use.',
  }),
  der_truncated: () => ({
    message: 'the key data ends too early (truncated)',
    hint: 'the file was cut off; copy or download it again.',
  }),
  der_trailing_data: (f) => ({
    message: `the key data has unexpected bytes after its end (at byte ${f.offset ?? '?'} of ${f.length ?? '?'})`,
    hint: 'the file was altered or two files were joined; use the original file.',
  }),
  der_malformed: (f) => ({
    message: `the key data is not well-formed DER${f.field ? ` (${f.field})` : ''}`,
    hint: 'the file is damaged or is not a key; export the key again.',
  }),
  public_key_expected: (f) => ({
    message: `this is not a public key${f.label ? ` (PEM label "${f.label}")` : f.found ? ` (it is ${f.found})` : ''}`,
    hint: 'use the public key the provider reports for the imported key; it starts with -----BEGIN PUBLIC KEY-----.',
  }),
  not_a_key_file: (f) => ({
    message: `this is not a key file (it looks like ${fileTypeWords(f, 'en')})`,
    hint: 'pick the key file itself; check the file name and the folder.',
  }),
  format_unrecognized: (f) => ({
    message: `this is not a key format byok-wrap reads${f.label ? ` (PEM label "${f.label}")` : f.found ? ` (${f.found})` : ''}`,
    hint: 'use PKCS#8, PKCS#1, SEC1 (EC PRIVATE KEY), encrypted PKCS#8 or JWK.',
  }),
  wrapping_key_is_certificate: () => ({
    message: 'this file is an X.509 certificate, not a wrapping public key',
    hint: 'use the wrapping public key file the provider gives for this import, not a certificate.',
  }),
  wrapping_key_is_private_key: (f) => ({
    message: `this file is a private key${f.found ? ` (${f.found})` : ''}, not a wrapping public key`,
    hint: 'pick the wrapping public key the provider gave for this import; keep private keys out of this field.',
  }),
  wrapping_key_unsupported: (f) => ({
    message: `this file holds ${f.found ?? 'an unsupported key'}; byok-wrap reads wrapping public keys of type ${list(WRAPPING_SPECS, 'en')}`,
    hint: 'download the wrapping public key again, choosing one of these types.',
  }),
  wrapping_key_invalid: (f) => ({
    message: `the wrapping public key is invalid${f.check ? ` (${f.check})` : ''}`,
    hint: 'the file is damaged; download the wrapping public key (and its import token, if there is one) again.',
  }),
  algorithm_mismatch: (f) => ({
    message: `wrapping algorithm ${f.algorithm ?? '?'} does not fit a ${f.spec ?? '?'} wrapping key${f.expected ? ` (it takes ${f.expected})` : ''}`,
    hint: 'obtain the wrapping key again with the type this algorithm takes, or choose the algorithm that goes with this wrapping key.',
  }),
  provider_unknown: (f) => ({
    message: `${f.found ? `"${f.found}" is` : 'this is'} not a provider byok-wrap knows`,
    hint: `use one of: ${PROVIDER_IDS.join(', ')}.`,
  }),
  algorithm_unknown: (f) => ({
    message: `${f.provider ?? 'this provider'} has no wrapping algorithm named ${f.algorithm ?? '?'}`,
    hint: "use the algorithm name exactly as the provider's console or API spells it.",
  }),
  key_too_large_for_algorithm: (f) => ({
    message: `a ${f.spec ?? '?'} key (${f.length ?? '?'} bytes to wrap) does not fit ${f.algorithm ?? 'this algorithm'}${f.limit !== undefined ? `, which carries at most ${f.limit} bytes under this wrapping key` : ''}`,
    hint: 'choose an algorithm that wraps with an AES key (key wrap), or a larger wrapping key.',
  }),
  kek_id_required: () => ({
    message: 'the key encryption key ID is missing',
    hint: "give the KEK's full key identifier, as the vault shows it: the https address <vault>.vault.azure.net/keys/<name>/<version>.",
  }),
  kek_id_invalid: () => ({
    message: 'this is not the full, versioned key identifier of a key in a vault or managed HSM',
    hint: 'copy the key identifier of the KEK version: the https address <vault>.vault.azure.net/keys/<name>/<32 hex digits> (or .managedhsm.azure.net).',
  }),
  import_job_required: () => ({
    message: 'the import job name is missing',
    hint: 'give the name of the import job whose wrapping key was used (its resource name or its short name).',
  }),
  text_hidden_character: (f) => ({
    message: `${f.field ?? 'this text'} contains an invisible or direction-changing character${f.found ? ` (${f.found})` : ''}`,
    hint: 'type the name again by hand instead of pasting it: such characters can make it read differently from what it is.',
  }),
  spec_not_supported_by_algorithm: (f) => ({
    message: `a ${f.spec ?? '?'} key cannot be imported ${f.algorithm ? `with ${f.algorithm}` : 'this way'}${f.check ? ` (${f.check})` : ''}`,
    hint: "choose a wrapping algorithm that carries this key type, and download the wrapping public key of the type that algorithm takes.",
  }),
  token_empty: () => ({ message: 'the import token is empty', hint: 'pick the import token file from the same download as the wrapping public key.' }),
  token_invalid: (f) => ({
    message: `the import token contains characters a token never has${f.offset !== undefined ? ` (at position ${f.offset + 1})` : ''}`,
    hint: 'pick the import token file itself, unchanged; a text token is base64.',
  }),
  token_form: (f) =>
    f.expected === 'binary'
      ? { message: "this provider's import token is a binary file, and text was given", hint: 'load the token file itself, as downloaded, not its text or a copy of it.' }
      : f.expected === 'text'
        ? { message: "this provider's import token is a text file, and these bytes are not text", hint: 'load the token text file (base64) from the same download as the wrapping public key.' }
        : { message: "the import token is not in this provider's form", hint: 'load the token file itself, as downloaded, from the same download as the wrapping public key.' },
  key_spec_unknown: (f) => ({
    message: `unknown key spec ${f.spec ? `"${f.spec}"` : ''}`.trim(),
    hint: `choose one of ${list(KEY_SPECS, 'en')}; where a provider's own key spec name is asked for, spell it exactly as the provider does.`,
  }),
  key_is_public: (f) => ({
    message: `this file holds ${f.found ?? 'a public key or certificate'}, not a private key`,
    hint: 'load the private key of the target key pair.',
  }),
  key_algorithm_unsupported: (f) => ({
    message: `this file holds ${f.found ? `an unsupported key type (${f.found})` : 'an unsupported key type'}; byok-wrap reads ${list(ASYMMETRIC_SPECS, 'en')} private keys`,
    hint: 'use a private key of one of these types.',
  }),
  rsa_modulus_size: (f) => ({
    message: `this RSA key is ${f.bits ?? '?'} bits; byok-wrap reads RSA keys of ${list(RSA_BITS, 'en')} bits`,
    hint: `use an RSA key of exactly ${list(RSA_BITS, 'en')} bits, matching the key spec at the provider.`,
  }),
  rsa_inconsistent: (f) => ({
    message: `this RSA private key is inconsistent (${f.check ?? 'CRT values'} does not hold)`,
    hint: 'the key file is damaged or was edited; use an intact copy of the key.',
  }),
  rsa_multi_prime: () => ({
    message: 'this is a multi-prime RSA key; byok-wrap reads two-prime RSA keys only',
    hint: 'use a standard two-prime RSA key.',
  }),
  ec_curve_unsupported: (f) => ({
    message: `this file holds a key on ${f.curve ?? 'an unsupported curve'}; byok-wrap reads EC keys on ${list(EC_CURVES, 'en')}`,
    hint: 'use a key on one of these curves.',
  }),
  ec_explicit_parameters: () => ({
    message: 'this EC key spells out its curve parameters instead of naming the curve',
    hint: 'convert it with: openssl ec -param_enc named_curve (then load the result).',
  }),
  ec_scalar_out_of_range: (f) => ({
    message: `the EC private scalar is out of range for ${f.curve ?? 'the curve'} (it must be between 1 and n−1; for SM2 n−2)`,
    hint: 'the key file is damaged or not a valid key; use an intact copy.',
  }),
  ec_public_key_mismatch: (f) => ({
    message: `the public key stored in the file does not belong to its private key${f.curve ? ` (${f.curve})` : ''}`,
    hint: 'the file was edited or assembled from two keys; use an intact copy.',
  }),
  ec_point_invalid: (f) => ({
    message: `the EC public point is not on ${f.curve ?? 'the curve'}`,
    hint: 'the key file is damaged; use an intact copy.',
  }),
  jwk_invalid: (f) => ({
    message: `this JWK is invalid${f.field ? ` (field "${f.field}")` : ''}`,
    hint: 'check the JSON and that every required member is present and base64url-encoded.',
  }),
  passphrase_required: () => ({
    message: 'this private key is encrypted',
    hint: 'enter its passphrase in "Private key passphrase".',
  }),
  passphrase_wrong: () => ({
    message: 'the passphrase does not decrypt this key',
    hint: 'check the passphrase (case, keyboard layout) and try again.',
  }),
  passphrase_empty: () => ({
    message: 'the backup passphrase is empty',
    hint: 'choose a long passphrase and write it down in a safe place.',
  }),
  encryption_unsupported: (f) => ({
    message: `this key is encrypted with ${f.found ?? 'a scheme byok-wrap does not read'}${f.limit ? ` (limit ${f.limit})` : ''}`,
    hint: 're-encrypt it with: openssl pkcs8 -topk8 -v2 aes-256-cbc (then load the result).',
  }),
  key_disposed: () => ({
    message: 'this key was cleared from memory',
    hint: 'load or generate the key again.',
  }),
  backup_not_password_encrypted: (f) => ({
    message: `this CMS file is not a password-encrypted key backup${f.found ? ` (it is ${f.found})` : ''}`,
    hint: 'load the backup byok-wrap wrote, or one made with: openssl cms -encrypt -aes256 -pwri_password … -outform PEM',
  }),
  backup_unsupported: (f) => ({
    message: `this key backup uses ${f.found ?? 'a scheme byok-wrap does not read'}${f.limit ? ` (limit ${f.limit})` : ''}`,
    hint: 're-encrypt it with: openssl cms -encrypt -aes256 -pwri_password … -outform PEM (then load the result).',
  }),
  key_spec_required: (f) => ({
    message: `this looks like a secret key${f.length !== undefined ? ` (${f.length} bytes)` : ''}; a secret key does not say what type it is`,
    hint: 'choose the key type (for example AES_256 or HMAC_256) and load the key again.',
  }),
  key_spec_mismatch: (f) => ({
    message: `this is ${f.found ?? 'a key of another type'}, not the ${f.spec ?? 'chosen'} key that was asked for`,
    hint: 'pick the file of the key you chose, or change the key type to match the file.',
  }),
  secret_length: (f) => ({
    message: `a ${f.spec ?? 'secret'} key is ${f.expected ?? '?'}; this one is ${f.length ?? '?'} bytes${f.found ? ` (read as ${f.found})` : ''}`,
    hint: 'check that the file or text holds exactly this key and the key type is right; text made only of 0-9 and a-f is read as hex.',
  }),
  secret_encoding: (f) => ({
    message: `this secret key is neither hex nor base64 text${f.found ? ` (${f.found})` : f.offset !== undefined ? ` (unexpected character at position ${f.offset + 1})` : ''}`,
    hint: 'give the key as raw bytes, hex (0-9, a-f) or base64; spaces and line breaks are ignored.',
  }),
  ed25519_public_key_mismatch: () => ({
    message: 'the Ed25519 public key stored in the file does not belong to its private key',
    hint: 'the file was edited or assembled from two keys; use an intact copy.',
  }),
  crypto_unavailable: () => ({
    message: 'this browser offers no WebCrypto',
    hint: 'use a current Chromium, Firefox or Safari; open the app from localhost or a file.',
  }),
  rng_failed: () => ({
    message: "the browser's random number generator failed its health check (it repeated itself); nothing was made from it",
    hint: 'do not use this computer or browser for key ceremonies; restart it, or use another one.',
  }),
  self_test_failed: (f) => ({
    message: `the power-on self-test failed${f.test ? ` (${f.test})` : ''}; wrapping is disabled`,
    hint: 'do not use this copy; verify its SHA-256 against the published checksums and use another browser.',
  }),
};

const zhCN: Record<ErrorCode, Entry> = {
  input_type: () => ({ message: '输入既不是文本也不是字节', hint: '请传入字符串或 Uint8Array。' }),
  input_empty: () => ({ message: '输入为空', hint: '请重新选择文件或粘贴其内容。' }),
  input_too_large: (f) => ({
    message: `输入过大，不像密钥文件（${f.length ?? '?'} 字节，上限 ${f.limit ?? '?'}）`,
    hint: '请确认选择的是密钥文件而不是其他文档。',
  }),
  base64_invalid: () => ({ message: '文本不是有效的 base64', hint: '请按服务商提供的原样粘贴 base64，或使用下载的文件。' }),
  pem_malformed: (f) => ({
    message: `PEM 块${f.label ? `“${f.label}”` : ''}不完整或已损坏`,
    hint: '文件必须包含成对的 -----BEGIN …----- 和 -----END …----- 行；请重新复制。',
  }),
  pem_multiple_keys: (f) => ({
    message: `文件包含 ${f.length ?? '多个'} 个密钥，只应有一个`,
    hint: '请拆分文件，只保留要使用的密钥。',
  }),
  der_truncated: () => ({ message: '密钥数据提前结束（被截断）', hint: '文件不完整；请重新复制或下载。' }),
  der_trailing_data: (f) => ({
    message: `密钥数据末尾有多余字节（位于第 ${f.offset ?? '?'} 字节，共 ${f.length ?? '?'} 字节）`,
    hint: '文件被修改或拼接了两个文件；请使用原始文件。',
  }),
  der_malformed: (f) => ({
    message: `密钥数据不是格式正确的 DER${f.field ? `（${f.field}）` : ''}`,
    hint: '文件已损坏或不是密钥；请重新导出密钥。',
  }),
  public_key_expected: (f) => ({
    message: `这不是公钥${f.label ? `（PEM 标签“${f.label}”）` : f.found ? `（它是 ${f.found}）` : ''}`,
    hint: '请使用服务商为已导入密钥提供的公钥，它以 -----BEGIN PUBLIC KEY----- 开头。',
  }),
  not_a_key_file: (f) => ({
    message: `这不是密钥文件（看起来是${fileTypeWords(f, 'zh')}）`,
    hint: '请选择密钥文件本身；检查文件名和所在文件夹。',
  }),
  format_unrecognized: (f) => ({
    message: `byok-wrap 无法识别此密钥格式${f.label ? `（PEM 标签“${f.label}”）` : f.found ? `（${f.found}）` : ''}`,
    hint: '请使用 PKCS#8、PKCS#1、SEC1（EC PRIVATE KEY）、加密的 PKCS#8 或 JWK。',
  }),
  wrapping_key_is_certificate: () => ({
    message: '此文件是 X.509 证书，不是加密公钥',
    hint: '请使用服务商为此次导入提供的加密公钥文件，而不是证书。',
  }),
  wrapping_key_is_private_key: (f) => ({
    message: `此文件是私钥${f.found ? `（${f.found}）` : ''}，不是加密公钥`,
    hint: '请选择服务商为此次导入提供的加密公钥；不要把私钥放到这里。',
  }),
  wrapping_key_unsupported: (f) => ({
    message: `此文件包含 ${f.found ?? '不支持的密钥'}；byok-wrap 读取的加密公钥类型为 ${list(WRAPPING_SPECS, 'zh')}`,
    hint: '请选择上述类型之一，重新下载加密公钥。',
  }),
  wrapping_key_invalid: (f) => ({
    message: `加密公钥无效${f.check ? `（${f.check}）` : ''}`,
    hint: '文件已损坏；请重新下载加密公钥（以及配套的导入令牌，如有）。',
  }),
  algorithm_mismatch: (f) => ({
    message: `加密算法 ${f.algorithm ?? '?'} 与 ${f.spec ?? '?'} 加密公钥不匹配${f.expected ? `（它需要 ${f.expected}）` : ''}`,
    hint: '请按此算法所需的类型重新获取加密公钥，或选择与此加密公钥配套的算法。',
  }),
  provider_unknown: (f) => ({
    message: `${f.found ? `“${f.found}”` : '这'}不是 byok-wrap 支持的云服务商`,
    hint: `请使用以下之一：${PROVIDER_IDS.join('、')}。`,
  }),
  algorithm_unknown: (f) => ({
    message: `${f.provider ?? '此服务商'}没有名为 ${f.algorithm ?? '?'} 的加密算法`,
    hint: '请完全按照服务商控制台或 API 的写法填写算法名称。',
  }),
  key_too_large_for_algorithm: (f) => ({
    message: `${f.spec ?? '?'} 密钥（需加密 ${f.length ?? '?'} 字节）超出 ${f.algorithm ?? '此算法'} 的容量${f.limit !== undefined ? `：在此加密公钥下最多 ${f.limit} 字节` : ''}`,
    hint: '请选择先用 AES 密钥封装（密钥包装）的算法，或使用更大的加密公钥。',
  }),
  kek_id_required: () => ({
    message: '缺少密钥加密密钥（KEK）ID',
    hint: '请填写 KEK 的完整密钥标识符，即密钥库中显示的 https 地址 <vault>.vault.azure.net/keys/<name>/<version>。',
  }),
  kek_id_invalid: () => ({
    message: '这不是密钥库或托管 HSM 中某个密钥版本的完整标识符',
    hint: '请复制 KEK 版本的密钥标识符：https 地址 <vault>.vault.azure.net/keys/<name>/<32 位十六进制>（或 .managedhsm.azure.net）。',
  }),
  import_job_required: () => ({
    message: '缺少导入作业名称',
    hint: '请填写所用加密公钥对应的导入作业名称（资源名称或短名称）。',
  }),
  text_hidden_character: (f) => ({
    message: `${f.field ?? '此文本'}含有不可见或改变文字方向的字符${f.found ? `（${f.found}）` : ''}`,
    hint: '请手动重新输入，不要粘贴：这类字符会让名称看起来与实际不同。',
  }),
  spec_not_supported_by_algorithm: (f) => ({
    message: `${f.spec ?? '?'} 密钥不能${f.algorithm ? `通过 ${f.algorithm} ` : '以此方式'}导入${f.check ? `（${f.check}）` : ''}`,
    hint: '请选择能承载此密钥类型的加密算法，并下载该算法所需类型的加密公钥。',
  }),
  token_empty: () => ({ message: '导入令牌为空', hint: '请选择与加密公钥同一次下载的导入令牌文件。' }),
  token_invalid: (f) => ({
    message: `导入令牌包含令牌中不会出现的字符${f.offset !== undefined ? `（第 ${f.offset + 1} 个字符）` : ''}`,
    hint: '请直接选择未经修改的导入令牌文件；文本形式的令牌是 base64。',
  }),
  token_form: (f) =>
    f.expected === 'binary'
      ? { message: '该服务商的导入令牌是二进制文件，而提供的是文本', hint: '请直接加载下载得到的令牌文件本身，不要使用其文本或副本。' }
      : f.expected === 'text'
        ? { message: '该服务商的导入令牌是文本文件，而这些字节不是文本', hint: '请加载与加密公钥同一次下载的令牌文本文件（base64）。' }
        : { message: '导入令牌的形式与该服务商的不符', hint: '请直接加载与加密公钥同一次下载的令牌文件本身。' },
  key_spec_unknown: (f) => ({ message: `未知的密钥规格${f.spec ? `“${f.spec}”` : ''}`, hint: `请选择 ${list(KEY_SPECS, 'zh')} 之一；需要填写服务商自己的密钥规格名称时，请完全按服务商的写法填写。` }),
  key_is_public: (f) => ({
    message: `此文件包含${f.found ?? '公钥或证书'}，不是私钥`,
    hint: '请加载目标密钥对的私钥。',
  }),
  key_algorithm_unsupported: (f) => ({
    message: `此文件包含${f.found ? `不支持的密钥类型（${f.found}）` : '不支持的密钥类型'}；byok-wrap 读取 ${list(ASYMMETRIC_SPECS, 'zh')} 私钥`,
    hint: '请使用上述类型之一的私钥。',
  }),
  rsa_modulus_size: (f) => ({
    message: `此 RSA 密钥为 ${f.bits ?? '?'} 位；byok-wrap 读取 ${list(RSA_BITS, 'zh')} 位的 RSA 密钥`,
    hint: `请使用恰好 ${list(RSA_BITS, 'zh')} 位、且与服务商处密钥规格一致的 RSA 密钥。`,
  }),
  rsa_inconsistent: (f) => ({
    message: `此 RSA 私钥不一致（${f.check ?? 'CRT 参数'} 不成立）`,
    hint: '密钥文件已损坏或被修改；请使用完好的副本。',
  }),
  rsa_multi_prime: () => ({ message: '这是多素数 RSA 密钥；byok-wrap 只读取双素数 RSA 密钥', hint: '请使用标准的双素数 RSA 密钥。' }),
  ec_curve_unsupported: (f) => ({
    message: `此文件包含${f.curve ? ` ${f.curve} 曲线上的` : '不支持的曲线上的'}密钥；byok-wrap 读取 ${list(EC_CURVES, 'zh')} 曲线上的 EC 密钥`,
    hint: '请使用上述曲线之一上的密钥。',
  }),
  ec_explicit_parameters: () => ({
    message: '此 EC 密钥显式列出了曲线参数，而不是使用曲线名称',
    hint: '请用 openssl ec -param_enc named_curve 转换后再加载。',
  }),
  ec_scalar_out_of_range: (f) => ({
    message: `EC 私钥标量超出 ${f.curve ?? '曲线'} 的范围（必须在 1 到 n−1 之间；SM2 为 n−2）`,
    hint: '密钥文件已损坏或不是有效密钥；请使用完好的副本。',
  }),
  ec_public_key_mismatch: (f) => ({
    message: `文件中的公钥与其私钥不匹配${f.curve ? `（${f.curve}）` : ''}`,
    hint: '文件被修改或由两个密钥拼成；请使用完好的副本。',
  }),
  ec_point_invalid: (f) => ({ message: `EC 公钥点不在 ${f.curve ?? '曲线'} 上`, hint: '密钥文件已损坏；请使用完好的副本。' }),
  jwk_invalid: (f) => ({
    message: `此 JWK 无效${f.field ? `（字段“${f.field}”）` : ''}`,
    hint: '请检查 JSON，确认所有必需成员都存在且为 base64url 编码。',
  }),
  passphrase_required: () => ({ message: '此私钥已加密', hint: '请在“私钥口令”中输入口令。' }),
  passphrase_wrong: () => ({ message: '口令无法解密此密钥', hint: '请检查口令（大小写、键盘布局）后重试。' }),
  passphrase_empty: () => ({ message: '备份口令为空', hint: '请选择较长的口令，并把它记录在安全的地方。' }),
  encryption_unsupported: (f) => ({
    message: `此密钥使用 ${f.found ?? 'byok-wrap 不支持的方案'} 加密${f.limit ? `（上限 ${f.limit}）` : ''}`,
    hint: '请用 openssl pkcs8 -topk8 -v2 aes-256-cbc 重新加密后再加载。',
  }),
  key_disposed: () => ({ message: '此密钥已从内存中清除', hint: '请重新加载或生成密钥。' }),
  backup_not_password_encrypted: (f) => ({
    message: `此 CMS 文件不是用口令加密的密钥备份${f.found ? `（它是 ${f.found}）` : ''}`,
    hint: '请加载 byok-wrap 写出的备份，或用 openssl cms -encrypt -aes256 -pwri_password … -outform PEM 生成的备份。',
  }),
  backup_unsupported: (f) => ({
    message: `此密钥备份使用了 ${f.found ?? 'byok-wrap 不支持的方案'}${f.limit ? `（上限 ${f.limit}）` : ''}`,
    hint: '请用 openssl cms -encrypt -aes256 -pwri_password … -outform PEM 重新加密后再加载。',
  }),
  key_spec_required: (f) => ({
    message: `这看起来是对称密钥${f.length !== undefined ? `（${f.length} 字节）` : ''}；对称密钥本身不标明类型`,
    hint: '请先选择密钥类型（例如 AES_256 或 HMAC_256），再重新加载密钥。',
  }),
  key_spec_mismatch: (f) => ({
    message: `此文件是${f.found ?? '其他类型的密钥'}，而不是所选的 ${f.spec ?? ''} 密钥`,
    hint: '请选择所选密钥的文件，或将密钥类型改为与文件一致。',
  }),
  secret_length: (f) => ({
    message: `${f.spec ?? '对称'} 密钥应为 ${f.expected ?? '?'}；此密钥为 ${f.length ?? '?'} 字节${f.found ? `（按 ${f.found} 读取）` : ''}`,
    hint: '请确认文件或文本只包含此密钥且密钥类型正确；仅由 0-9、a-f 组成的文本按十六进制读取。',
  }),
  secret_encoding: (f) => ({
    message: `此对称密钥既不是十六进制也不是 base64 文本${f.found ? `（${f.found}）` : f.offset !== undefined ? `（第 ${f.offset + 1} 个字符无效）` : ''}`,
    hint: '请以原始字节、十六进制（0-9、a-f）或 base64 提供密钥；空格和换行会被忽略。',
  }),
  ed25519_public_key_mismatch: () => ({
    message: '文件中保存的 Ed25519 公钥与其私钥不匹配',
    hint: '文件被修改过或由两个密钥拼成；请使用完好的副本。',
  }),
  crypto_unavailable: () => ({
    message: '此浏览器不提供 WebCrypto',
    hint: '请使用最新的 Chromium、Firefox 或 Safari，并从 localhost 或本地文件打开本应用。',
  }),
  rng_failed: () => ({
    message: '浏览器的随机数生成器未通过健康检查（输出重复）；未使用其输出生成任何内容',
    hint: '请勿在此计算机或浏览器上进行密钥仪式；请重启后重试，或换用其他设备。',
  }),
  self_test_failed: (f) => ({
    message: `开机自检失败${f.test ? `（${f.test}）` : ''}；已禁用封装`,
    hint: '请勿使用此副本；请对照发布的校验和核对其 SHA-256，并换用其他浏览器。',
  }),
};

export const ERROR_CATALOGUE: Readonly<Record<Lang, Record<ErrorCode, Entry>>> = { en, 'zh-CN': zhCN };

export interface DescribedError extends ErrorText {
  code: ErrorCode | 'internal';
}

/**
 * Message + hint for any thrown value. A non-ByokError is never shown raw (no stack traces, no foreign
 * messages that might echo input): it becomes a generic 'internal' text. Never throws (spec §7): an unknown
 * language falls back to English, and a value that is hostile to inspection (a Proxy, a throwing getter, a
 * ByokError built with a code outside the union) is described as 'internal'.
 */
export function describeError(e: unknown, lang: Lang = 'en'): DescribedError {
  const language: Lang = LANGS.includes(lang) ? lang : 'en'; // includes() compares; it runs no caller code
  try {
    if (isByokError(e)) {
      const code = e.code;
      if (typeof code === 'string' && Object.hasOwn(ERROR_CATALOGUE[language], code)) return { code, ...ERROR_CATALOGUE[language][code](e.facts) };
    }
  } catch {
    // fall through to the generic text
  }
  return language === 'zh-CN'
    ? { code: 'internal', message: '发生意外的内部错误；未生成任何输出', hint: '请重新加载页面后重试；如果问题仍然存在，请报告。' }
    : { code: 'internal', message: 'an unexpected internal error occurred; nothing was produced', hint: 'reload the page and try again; report it if it persists.' };
}

// Only a JavaScript caller can build a ByokError with a code outside the union or facts the templates cannot
// print; the constructor must not throw for it, so such an error gets its code as its message.
setMessageRenderer((e: ByokError) => {
  const code: unknown = e.code;
  try {
    if (typeof code === 'string' && Object.hasOwn(en, code)) return en[code as ErrorCode](e.facts).message;
  } catch {
    // fall through
  }
  return typeof code === 'string' ? code : 'unknown error';
});
