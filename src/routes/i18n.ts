// Every user-visible string of the ceremony app. English is the reference catalogue; every other language
// must supply every key (the type `Catalogue` enforces it). Placeholders are `{name}`; values are public facts
// only (file names, specs, fingerprints, counts), never secrets.
import { ByokError, describeError, type DescribedError, type ErrorCode, type ErrorFacts, type Lang } from '../lib/index.ts';
import { locale } from './locale.svelte.ts';

const en = {
  'app.title': 'byok-wrap — BYOK key material for Alibaba Cloud KMS',
  'app.heading': 'BYOK key ceremony for Alibaba Cloud KMS',
  'app.lead':
    'Prepare the key material for a KMS asymmetric key with an external key material origin. Work through the steps in order; each shows what it received and its SHA-256 so the witness can compare it with the runbook.',
  'app.offline': 'This page sends nothing anywhere: it makes no network requests after it has loaded, and every file stays on this computer.',
  'app.online':
    'This computer reports a network connection. For a key ceremony, disconnect it (air gap) before you load or generate a key.',
  'app.steps': 'Steps',
  'app.footer': 'byok-wrap runs entirely in this browser tab. Closing or reloading the tab erases everything it holds.',

  'status.done': 'done',
  'status.todo': 'to do',
  'status.attention': 'needs attention',
  'status.optional': 'optional',
  'status.busy': 'working…',

  'common.file': 'File',
  'common.source.pem': 'PEM file',
  'common.source.der': 'DER file',
  'common.source.base64': 'pasted base64',
  'common.source.paste': 'pasted text',
  'common.copied': 'Copied to the clipboard.',
  'common.copyFailed': 'The browser did not allow copying; select the text and copy it by hand.',
  'common.dropHere': 'or drop the file here',
  'common.hint': 'What to do:',
  'common.error': 'Error',
  'common.warning': 'Warning',
  'common.selfTestRefuses': 'the power-on self-test failed ({tests}): this browser refuses to generate, back up or wrap keys',
  'common.note': 'Note',
  'common.bytes': '{n} bytes',
  'common.characters': '{n} characters',
  'common.elapsed': '{s} s elapsed',

  'instance.software': 'Software-protected key',
  'instance.hardware': 'Hardware-protected key',
  'instance.software.short': 'software-protected',
  'instance.hardware.short': 'hardware-protected',

  // Step 1
  'step1.title': 'Step 1 — Key in KMS',
  'step1.intro':
    'Create the asymmetric key in the KMS console with Key Material Source "External (Import Key Material)". Enter here what you chose there.',
  'step1.instanceType': 'Instance type',
  'step1.instanceTypeHelp': 'The type of the KMS instance the key was created in: software key management or hardware key management.',
  'step1.keySpec': 'Key spec',
  'step1.keyId': 'KMS key ID (optional)',
  'step1.keyIdHelp': 'For the ceremony record and the file names, e.g. key-hzz6… It is never sent anywhere.',
  'step1.keyIdInvalid':
    'The key ID contains characters other than letters, digits, "-", "_" and "."; they are left out of the file names.',
  'step1.docHeading': 'What the Alibaba document says',
  'step1.doc.supportTable': 'Support table, asymmetric key import for a {instance} key',
  'step1.doc.supported': 'supported (√)',
  'step1.doc.notSupported': 'not supported (×)',
  'step1.doc.step1Specs': 'Step 1, key specifications listed for a {instance} key',
  'step1.doc.step2Table': 'Step 2, wrapping public key type and encryption algorithm',
  'step1.doc.javaSample': 'Java sample (EC_SM2 only)',
  'step1.doc.javaSampleValue': 'EC_SM2 wrapping key, SM2PKE_SM4_ECB, SM4 ephemeral key',
  'step1.doc.notListed': 'not listed',
  'step1.planHeading': 'This ceremony will use',
  'step1.plan.wrappingKeyType': 'Wrapping public key type',
  'step1.plan.algorithm': 'Wrapping algorithm',
  'step1.plan.esk': 'Ephemeral symmetric key (ESK)',
  'step1.plan.esk.aes': 'AES-256, 32 bytes, random, destroyed after wrapping',
  'step1.plan.esk.sm4': 'SM4, 16 bytes, random, destroyed after wrapping',
  'step1.plan.wrapped': 'What is encrypted',
  'step1.plan.wrapped.pkcs8': 'the private key as PKCS#8 DER (AES-256-ECB, PKCS#7 padding)',
  'step1.plan.wrapped.scalar': 'the 32-byte private scalar D (SM4-ECB, no padding)',
  'step1.plan.material': 'Key material',
  'step1.plan.material.value': 'Cipher(ESK) ‖ Cipher(TAK), base64 in a .txt file',
  'advice.hardwareTable':
    'The document contradicts itself for hardware-protected keys: its support table marks them as not accepting asymmetric key material (×), while its step 1 and step 2 list RSA_2048, RSA_3072, RSA_4096, EC_P256 and EC_P256K for them. Confirm with your KMS instance (the document says to contact technical support if import is refused) before the ceremony.',
  'advice.notListed':
    'The document\'s step 1 does not list {spec} for {instance} keys (it lists {listed}). The wrapping works the same way; check that your KMS instance offers {spec} before you continue.',
  'advice.sm2':
    'EC_SM2 appears only in the document\'s Java sample (with SM2PKE_SM4_ECB and an EC_SM2 wrapping key), not in its console tables. Check that your KMS instance offers EC_SM2 keys and EC_SM2 wrapping keys.',

  // Step 2
  'step2.title': 'Step 2 — Wrapping public key and token',
  'step2.intro':
    'In the KMS console, on the key\'s Key Material tab, click "Obtain Parameters for Import" with wrapping public key type {wrappingKeySpec} and encryption algorithm {algorithm}. Bring the public key file and the token file from the same download.',
  'step2.wrappingKey': 'Wrapping public key',
  'step2.wrappingKeyHelp': 'publickey_….pem or publickey_….bin',
  'step2.wrappingKeyPaste': 'Or paste the PublicKey value from GetParametersForImport (base64 or PEM)',
  'step2.token': 'Import token',
  'step2.tokenHelp': 'token_….txt',
  'step2.tokenPaste': 'Or paste the ImportToken value from GetParametersForImport',
  'step2.usePastedKey': 'Use pasted public key',
  'step2.usePastedToken': 'Use pasted token',
  'step2.dropBoth': 'You can also drop both files at once anywhere in this step.',
  'step2.received.wrappingKey': 'Wrapping public key received',
  'step2.received.type': 'Detected type',
  'step2.received.algorithm': 'Wrapping algorithm',
  'step2.received.source': 'Source',
  'step2.received.spkiSha256': 'SPKI SHA-256',
  'step2.received.token': 'Import token received',
  'step2.received.tokenLength': 'Length',
  'step2.received.tokenSha256': 'Token SHA-256',
  'step2.received.tokenLoadedAt': 'Loaded at',
  'warn.suffixMismatch':
    'The file names do not belong together: publickey_{keySuffix} and token_{tokenSuffix}. The public key and the token must come from the same download; KMS rejects a mixed pair.',
  'warn.tokenValidity':
    'The import token is valid for 24 hours from its download. If it was downloaded more than 24 hours ago, download a new public key and token together.',
  'warn.wrappingKeyType':
    'This wrapping public key is {found}, but an {spec} key needs an {needed} wrapping key ({algorithm}). Obtain the import parameters again with wrapping public key type {needed}.',

  // Step 3
  'step3.title': 'Step 3 — Target key',
  'step3.intro':
    'The target asymmetric key (TAK) is the key pair KMS will hold. Generate it here, or load an existing private key of spec {spec}.',
  'step3.generate': 'Generate new key',
  'step3.generating': 'Generating the {spec} key…',
  'step3.generatingSlow': 'RSA key generation takes a few seconds (RSA_4096 up to a minute); the page stays usable.',
  'step3.replaces': 'Generating or loading a key replaces the current target key and clears its backup and material.',
  'step3.or': 'or',
  'step3.existing': 'Existing private key',
  'step3.existingHelp': 'PKCS#8, PKCS#1, SEC1, encrypted PKCS#8 (PEM or DER) or JWK',
  'step3.existingPaste': 'Or paste a private key (PEM or JWK)',
  'step3.loadPasted': 'Load pasted key',
  'step3.passphrase': 'Private key passphrase',
  'step3.passphraseHelp': 'The key "{name}" is encrypted. Enter its passphrase and press Enter or "Unlock key".',
  'step3.unlock': 'Unlock key',
  'step3.loading': 'Reading the key…',
  'step3.received': 'Target key',
  'step3.spec': 'Key spec',
  'step3.origin': 'Origin',
  'step3.origin.generated': 'generated here',
  'step3.origin.loaded': 'loaded from {format}',
  'step3.publicSha256': 'TAK public key SHA-256 (SPKI)',
  'step3.viewPublic': 'Show public key PEM',
  'step3.downloadPublic': 'Download public key',
  'step3.publicHelp': 'Keep it to compare with what KMS GetPublicKey reports after the import (step 6).',
  'step3.specMismatch':
    'This key is {found}, but the key in KMS is {spec} (step 1). KMS only accepts material of the same spec. Load a {spec} key, or change the key spec in step 1 if it was entered wrongly.',
  'step3.format.pkcs8': 'PKCS#8',
  'step3.format.pkcs1': 'PKCS#1',
  'step3.format.sec1': 'SEC1',
  'step3.format.encrypted-pkcs8': 'encrypted PKCS#8',
  'step3.format.jwk': 'JWK',
  'step3.pasteWarning':
    'Pasted text stays in the browser’s own memory, where this page cannot wipe it, until the browser is closed. Prefer loading the key file; after a ceremony, close the browser.',

  // Step 4
  'step4.title': 'Step 4 — Backup',
  'step4.intro':
    'KMS cannot give the key material back, and importing it again (after it expires or is deleted) needs the same material. Download an encrypted backup of the target key now and store it safely.',
  'step4.required': 'Required: the key was generated here, so this backup is its only copy.',
  'step4.optional': 'Optional: the key was loaded from a file you already hold.',
  'step4.waiting': 'Generate or load a target key first (step 3).',
  'step4.passphrase': 'Backup passphrase',
  'step4.confirm': 'Confirm backup passphrase',
  'step4.strength.empty': 'Choose a passphrase of at least {min} characters.',
  'step4.strength.tooShort': 'Too short: {length} of at least {min} characters.',
  'step4.strength.weak': 'Weak (about {bits} bits by a simple estimate). Use more words or characters.',
  'step4.strength.fair': 'Fair (about {bits} bits by a simple estimate). Longer is better for a key backup.',
  'step4.strength.strong': 'Strong (about {bits} bits by a simple estimate).',
  'step4.strengthAdvice': 'Six or more random words make a strong passphrase. Write it down and store it apart from the backup file.',
  'step4.mismatch': 'The two passphrases differ.',
  'step4.download': 'Download encrypted backup',
  'step4.encrypting': 'Encrypting the backup (PBKDF2-HMAC-SHA256, 600,000 iterations)…',
  'step4.format': 'Encrypted PKCS#8 PEM (PBES2, AES-256-CBC); OpenSSL reads it: openssl pkey -in {file}',
  'step4.saved': 'Backup downloaded',
  'step4.savedSha256': 'Backup file SHA-256',
  'step4.check': 'Check that the file arrived on the backup medium and that its SHA-256 matches the one shown here.',

  // Step 5
  'step5.title': 'Step 5 — Wrap',
  'step5.intro': 'Encrypt the target key under the wrapping public key: Cipher(ESK) ‖ Cipher(TAK), as the Alibaba document\'s step 3 describes.',
  'step5.wrap': 'Wrap key material',
  'step5.wrapping': 'Wrapping…',
  'step5.blocked': 'Before wrapping:',
  'step5.need.selfTestRunning': 'wait for the power-on self-test to finish',
  'step5.need.selfTestFailed': 'the power-on self-test failed ({tests}): wrapping is refused in this browser',
  'step5.need.wrappingKey': 'load the wrapping public key (step 2)',
  'step5.need.token': 'load the import token (step 2)',
  'step5.need.target': 'generate or load the target key (step 3)',
  'step5.need.specMatch': 'use a target key of the spec chosen in step 1 (step 3)',
  'step5.need.backup': 'download the encrypted backup (step 4)',
  'step5.result': 'Key material',
  'step5.algorithm': 'Algorithm',
  'step5.size': 'Size',
  'step5.fileSha256': 'File SHA-256',
  'step5.material': 'Key material (base64, ciphertext)',
  'step5.download': 'Download key material',
  'step5.copy': 'Copy key material',
  'step5.downloaded': 'Downloaded as {file}.',
  'step5.uploadHeading': 'Upload in the KMS console (document step 4)',
  'step5.upload1': 'On the key details page, click Import Key Material.',
  'step5.upload2': 'Wrapped Key Material: upload {file}.',
  'step5.upload3': 'Import Token: upload {file} (the token from step 2).',
  'step5.upload4': 'Key Material Expired On: {expiry}.',
  'step5.upload5': 'Click OK. The key status changes from Pending Import to Enabling.',
  'step5.expiryHeading': 'Key material expiry',
  'step5.expiry.never': 'Never expire',
  'step5.expiry.date': 'Expire on (local time)',
  'step5.expiry.dateLabel': 'Expiry date and time',
  'step5.expiry.neverValue': 'Never Expire',
  'step5.expiry.unix': 'KeyMaterialExpireUnix: {unix} ({iso})',
  'step5.expiry.invalid': 'Choose a date and time in the future.',
  'step5.expiry.warning': 'KMS deletes the key material when it expires; you then need the backup to import it again.',
  'step5.cliHeading': 'Or with the Alibaba Cloud CLI',
  'step5.cliHelp':
    'Run it on the connected computer, in the folder that holds the two files. $(cat …) reads each file in a POSIX shell.',
  'step5.cliInline': 'Show the values in the command instead of file references',
  'step5.cliCopy': 'Copy command',
  'step5.keyIdPlaceholder': '<KeyId>',
  'step5.stale': 'The inputs changed after wrapping; wrap again.',

  // Step 6
  'step6.title': 'Step 6 — Verify after import',
  'step6.intro':
    'After the import, get the public key from KMS (console: key details, or aliyun kms GetPublicKey --KeyId … --KeyVersionId …) and paste it here.',
  'step6.input': 'KMS public key',
  'step6.file': 'GetPublicKey file',
  'step6.compare': 'Compare with the target key',
  'step6.needTarget':
    'The target key is not in memory. Load the target public key you saved in step 3 ("Download public key") below, or load the key again in step 3 (from the backup).',
  'step6.savedKey': 'Target public key (saved in step 3)',
  'step6.match': 'Matches the target key.',
  'step6.mismatch': 'Does NOT match the target key. The key in KMS is not the key prepared here; do not use it.',
  'step6.expected': 'Target key public SHA-256',
  'step6.actual': 'KMS public key SHA-256',
  'step6.found': 'KMS reports',

  // Step 7
  'step7.title': 'Step 7 — Finish',
  'step7.intro':
    'Record the fingerprints below in the runbook, then clear everything. Closing or reloading the tab also erases everything; it asks first while a generated key has no downloaded backup or the material has not been downloaded.',
  'step7.print': 'Print record',
  'step7.clear': 'Clear everything',
  'step7.clearHelp': 'Wipes the target key and the key material from memory and resets every step.',
  'step7.unsaved.backup': 'The generated key has no downloaded backup yet.',
  'step7.unsaved.material': 'The key material has not been downloaded yet.',
  'step7.cleared': 'Everything was cleared: the target key and the key material were wiped from memory.',
  'step7.record.instance': 'Instance type',
  'step7.record.keySpec': 'Key spec',
  'step7.record.keyId': 'KMS key ID',
  'step7.record.algorithm': 'Wrapping algorithm',
  'step7.record.wrappingKey': 'Wrapping public key SHA-256',
  'step7.record.token': 'Import token SHA-256',
  'step7.record.tak': 'TAK public key SHA-256',
  'step7.record.backup': 'Backup file SHA-256',
  'step7.record.material': 'Key material file SHA-256',
  'step7.record.none': '—',
  'step7.record.match': 'matches',
  'step7.record.title': 'byok-wrap ceremony record',
  'step7.record.started': 'Ceremony started',
  'step7.record.made': 'Record made',
  'step7.record.madeLater': 'when printed or downloaded',
  'step7.record.appVersion': 'App version',
  'step7.record.appCommit': 'App commit',
  'step7.record.appForm': 'App form',
  'step7.record.appSha256': 'byok-wrap.html SHA-256',
  'step7.record.appSha256Blank': 'verified against SHA256SUMS (write it by hand)',
  'step7.record.selfTest': 'Power-on self-test',
  'step7.record.selfTestPassed': 'passed ({passed} of {total})',
  'step7.record.selfTestFailed': 'FAILED: {tests}',
  'step7.record.selfTestRunning': 'not finished',
  'step7.record.expiry': 'Key material expiry',
  'step7.record.expiryValue': '{date} (KeyMaterialExpireUnix {unix})',
  'step7.record.section.app': 'This copy of byok-wrap',
  'step7.record.section.key': 'The key in KMS',
  'step7.record.section.sha256': 'Fingerprints (SHA-256)',
  'step7.record.steps': 'Steps',
  'step7.record.step.done': 'done',
  'step7.record.step.not-done': 'not done',
  'step7.record.step.optional-skipped': 'not made (optional: the key was loaded from a file)',
  'step7.record.step.not-downloaded': 'wrapped, not downloaded',
  'step7.record.step.mismatch': 'MISMATCH',
  'step7.record.operator': 'Operator (key custodian)',
  'step7.record.witness': 'Witness',
  'step7.record.signature': 'Signature',
  'step7.record.signDate': 'Date',
  'step7.record.noSecrets': 'This record holds fingerprints, names and settings only: no key, no token, no key material, no passphrase.',
  'step7.details': 'Names for the record',
  'step7.operatorName': 'Operator name',
  'step7.witnessName': 'Witness name',
  'step7.appSha256': 'SHA-256 of byok-wrap.html, as verified',
  'step7.appSha256Help': 'Optional: paste the line sha256sum printed for the copy you checked against the published SHA256SUMS. Left empty, the printed record has a blank line for it.',
  'step7.appSha256Invalid': 'This is not a SHA-256: expected 64 hexadecimal digits (the first word of the sha256sum line).',
  'step7.downloadText': 'Download record (text)',
  'step7.downloadJson': 'Download record (JSON)',
  'step7.recordHelp': 'Print or download the record before you clear everything: clearing empties it.',

  // Language switch: the label and the language names read the same in every language
  'lang.label': 'Language / 语言',
  'lang.en': 'English',
  'lang.zh-CN': '简体中文',

  // Power-on self-test (spec §8)
  'selftest.title': 'Power-on self-test',
  'selftest.about': 'Known answers for every algorithm on the wrapping path (docs/spec.md §8), computed in this browser before wrapping is allowed.',
  'selftest.running': 'Running the self-test…',
  'selftest.passed': 'Self-test passed',
  'selftest.passedDetail': 'All {n} tests gave the expected results.',
  'selftest.failed': 'Self-test FAILED: {tests}',
  'selftest.couldNotRun': 'the self-test could not run',
  'selftest.failedDetail':
    'Wrapping is refused. Reload the page to run the tests again. If a test still fails, do not use this copy or this browser for the ceremony: verify the copy against SHA256SUMS, or use another computer.',
  'selftest.test': 'Test',
  'selftest.result': 'Result',
  'selftest.time': 'Time',
  'selftest.pass': 'pass',
  'selftest.fail': 'FAIL',
  'selftest.ms': '{ms} ms',

  // Air gap
  'airgap.title': 'Air gap',
  'airgap.network': 'Network',
  'airgap.offline': 'offline (the browser reports no network connection)',
  'airgap.online': 'ONLINE (the browser reports a network connection)',
  'airgap.requests': 'Requests since load',
  'airgap.requestCount': '{n} requests since load',
  'airgap.requestCountOne': '1 request since load',
  'airgap.requestsHelp':
    'Every request this page made after its load event, as the browser counts them (Resource Timing); 0 expected. A service worker\'s own downloads of the app\'s files happen in the worker and are not counted here.',
  'airgap.blocked': 'Blocked by the policy since load',
  'airgap.csp': 'Content-Security-Policy in force',
  'airgap.cspNone': 'none: this is not a built copy of the app (development server); do not use it for a ceremony',
  'airgap.cspHelp': "connect-src 'none' forbids this page every connection, to any address, its own included.",
  'airgap.copy': 'This copy',
  'airgap.form.single-file': 'single file (byok-wrap.html)',
  'airgap.form.pwa': 'web app (PWA, with service worker)',
  'airgap.form.dev': 'development server',
  'airgap.buildLabel': 'Build',
  'airgap.build': 'version {version}, commit {commit}',
} as const satisfies Record<string, string>;

export type MessageKey = keyof typeof en;
export type Catalogue = Record<MessageKey, string>;
export type Params = Record<string, string | number>;

const zhCN: Catalogue = {
  'app.title': 'byok-wrap — 为阿里云 KMS 准备自带密钥（BYOK）材料',
  'app.heading': '阿里云 KMS 自带密钥（BYOK）仪式',
  'app.lead': '为密钥材料来源为“外部”的 KMS 非对称密钥准备密钥材料。请按顺序完成各步骤；每一步都会显示收到的内容及其 SHA-256，便于见证人与操作手册核对。',
  'app.offline': '本页面不向任何地方发送数据：加载完成后不发出任何网络请求，所有文件都留在这台计算机上。',
  'app.online': '这台计算机显示已连接网络。进行密钥仪式时，请在加载或生成密钥之前断开网络（物理隔离）。',
  'app.steps': '步骤',
  'app.footer': 'byok-wrap 完全在此浏览器标签页中运行。关闭或重新加载标签页会清除其中的一切。',

  'status.done': '已完成',
  'status.todo': '待完成',
  'status.attention': '需要处理',
  'status.optional': '可选',
  'status.busy': '处理中…',

  'common.file': '文件',
  'common.source.pem': 'PEM 文件',
  'common.source.der': 'DER 文件',
  'common.source.base64': '粘贴的 base64',
  'common.source.paste': '粘贴的文本',
  'common.copied': '已复制到剪贴板。',
  'common.copyFailed': '浏览器不允许复制；请手动选中文本并复制。',
  'common.dropHere': '或将文件拖放到这里',
  'common.hint': '处理方法：',
  'common.error': '错误',
  'common.warning': '警告',
  'common.selfTestRefuses': '开机自检失败（{tests}）：此浏览器拒绝生成、备份或封装密钥',
  'common.note': '注意',
  'common.bytes': '{n} 字节',
  'common.characters': '{n} 个字符',
  'common.elapsed': '已用时 {s} 秒',

  'instance.software': '软件密钥',
  'instance.hardware': '硬件密钥',
  'instance.software.short': '软件密钥',
  'instance.hardware.short': '硬件密钥',

  'step1.title': '第 1 步 — KMS 中的密钥',
  'step1.intro': '在 KMS 控制台中创建非对称密钥，密钥材料来源选择“外部（导入密钥材料）”。在这里填写您在控制台中的选择。',
  'step1.instanceType': '实例类型',
  'step1.instanceTypeHelp': '创建密钥所在 KMS 实例的类型：软件密钥管理或硬件密钥管理。',
  'step1.keySpec': '密钥规格',
  'step1.keyId': 'KMS 密钥 ID（可选）',
  'step1.keyIdHelp': '用于仪式记录和文件名，例如 key-hzz6…；不会发送到任何地方。',
  'step1.keyIdInvalid': '密钥 ID 含有字母、数字、“-”、“_”和“.”以外的字符；这些字符不会出现在文件名中。',
  'step1.docHeading': '阿里云文档的说明',
  'step1.doc.supportTable': '支持表：{instance}是否支持导入非对称密钥材料',
  'step1.doc.supported': '支持（√）',
  'step1.doc.notSupported': '不支持（×）',
  'step1.doc.step1Specs': '步骤一：{instance}列出的密钥规格',
  'step1.doc.step2Table': '步骤二：加密公钥类型和加密算法',
  'step1.doc.javaSample': 'Java 示例（仅 EC_SM2）',
  'step1.doc.javaSampleValue': 'EC_SM2 加密公钥、SM2PKE_SM4_ECB、SM4 临时密钥',
  'step1.doc.notListed': '未列出',
  'step1.planHeading': '本次仪式将使用',
  'step1.plan.wrappingKeyType': '加密公钥类型',
  'step1.plan.algorithm': '加密算法',
  'step1.plan.esk': '临时对称密钥（ESK）',
  'step1.plan.esk.aes': 'AES-256，32 字节，随机生成，封装后销毁',
  'step1.plan.esk.sm4': 'SM4，16 字节，随机生成，封装后销毁',
  'step1.plan.wrapped': '被加密的内容',
  'step1.plan.wrapped.pkcs8': 'PKCS#8 DER 格式的私钥（AES-256-ECB，PKCS#7 填充）',
  'step1.plan.wrapped.scalar': '32 字节私钥标量 D（SM4-ECB，无填充）',
  'step1.plan.material': '密钥材料',
  'step1.plan.material.value': 'Cipher(ESK) ‖ Cipher(TAK)，以 base64 保存在 .txt 文件中',
  'advice.hardwareTable':
    '文档对硬件密钥的说明自相矛盾：支持表标明硬件密钥不支持导入非对称密钥材料（×），而步骤一和步骤二却为其列出了 RSA_2048、RSA_3072、RSA_4096、EC_P256 和 EC_P256K。仪式开始前，请先向您的 KMS 实例确认（文档建议在导入被拒绝时联系技术支持）。',
  'advice.notListed': '文档步骤一没有为{instance}列出 {spec}（列出的是 {listed}）。封装方式相同；继续之前请确认您的 KMS 实例提供 {spec}。',
  'advice.sm2':
    'EC_SM2 只出现在文档的 Java 示例中（使用 SM2PKE_SM4_ECB 和 EC_SM2 加密公钥），控制台表格中没有。请确认您的 KMS 实例提供 EC_SM2 密钥和 EC_SM2 加密公钥。',

  'step2.title': '第 2 步 — 加密公钥和导入令牌',
  'step2.intro':
    '在 KMS 控制台密钥的“密钥材料”页签中，点击“获取导入密钥材料的参数”，加密公钥类型选择 {wrappingKeySpec}，加密算法选择 {algorithm}。请带来同一次下载的公钥文件和令牌文件。',
  'step2.wrappingKey': '加密公钥',
  'step2.wrappingKeyHelp': 'publickey_….pem 或 publickey_….bin',
  'step2.wrappingKeyPaste': '或粘贴 GetParametersForImport 返回的 PublicKey 值（base64 或 PEM）',
  'step2.token': '导入令牌',
  'step2.tokenHelp': 'token_….txt',
  'step2.tokenPaste': '或粘贴 GetParametersForImport 返回的 ImportToken 值',
  'step2.usePastedKey': '使用粘贴的公钥',
  'step2.usePastedToken': '使用粘贴的令牌',
  'step2.dropBoth': '也可以把两个文件一起拖放到本步骤的任意位置。',
  'step2.received.wrappingKey': '已收到加密公钥',
  'step2.received.type': '识别出的类型',
  'step2.received.algorithm': '加密算法',
  'step2.received.source': '来源',
  'step2.received.spkiSha256': 'SPKI SHA-256',
  'step2.received.token': '已收到导入令牌',
  'step2.received.tokenLength': '长度',
  'step2.received.tokenSha256': '令牌 SHA-256',
  'step2.received.tokenLoadedAt': '加载时间',
  'warn.suffixMismatch': '文件名不属于同一组：publickey_{keySuffix} 与 token_{tokenSuffix}。公钥和令牌必须来自同一次下载；KMS 会拒绝混用的组合。',
  'warn.tokenValidity': '导入令牌自下载起 24 小时内有效。如果下载已超过 24 小时，请重新同时下载公钥和令牌。',
  'warn.wrappingKeyType':
    '此加密公钥是 {found}，但 {spec} 密钥需要 {needed} 加密公钥（{algorithm}）。请以加密公钥类型 {needed} 重新获取导入参数。',

  'step3.title': '第 3 步 — 目标密钥',
  'step3.intro': '目标非对称密钥（TAK）是 KMS 将要持有的密钥对。可以在这里生成，也可以加载规格为 {spec} 的现有私钥。',
  'step3.generate': '生成新密钥',
  'step3.generating': '正在生成 {spec} 密钥…',
  'step3.generatingSlow': '生成 RSA 密钥需要几秒钟（RSA_4096 最长约一分钟）；期间页面仍可使用。',
  'step3.replaces': '生成或加载密钥会替换当前的目标密钥，并清除其备份和密钥材料。',
  'step3.or': '或',
  'step3.existing': '现有私钥',
  'step3.existingHelp': 'PKCS#8、PKCS#1、SEC1、加密的 PKCS#8（PEM 或 DER）或 JWK',
  'step3.existingPaste': '或粘贴私钥（PEM 或 JWK）',
  'step3.loadPasted': '加载粘贴的密钥',
  'step3.passphrase': '私钥口令',
  'step3.passphraseHelp': '密钥“{name}”已加密。请输入口令，然后按回车键或点击“解锁密钥”。',
  'step3.unlock': '解锁密钥',
  'step3.loading': '正在读取密钥…',
  'step3.received': '目标密钥',
  'step3.spec': '密钥规格',
  'step3.origin': '来源',
  'step3.origin.generated': '在此生成',
  'step3.origin.loaded': '从 {format} 加载',
  'step3.publicSha256': 'TAK 公钥 SHA-256（SPKI）',
  'step3.viewPublic': '显示公钥 PEM',
  'step3.downloadPublic': '下载公钥',
  'step3.publicHelp': '请保存它，以便导入后与 KMS GetPublicKey 返回的公钥比对（第 6 步）。',
  'step3.specMismatch':
    '此密钥是 {found}，但 KMS 中的密钥是 {spec}（第 1 步）。KMS 只接受相同规格的密钥材料。请加载 {spec} 密钥；如果第 1 步填写有误，请修改密钥规格。',
  'step3.format.pkcs8': 'PKCS#8',
  'step3.format.pkcs1': 'PKCS#1',
  'step3.format.sec1': 'SEC1',
  'step3.format.encrypted-pkcs8': '加密的 PKCS#8',
  'step3.format.jwk': 'JWK',
  'step3.pasteWarning': '粘贴的文本会留在浏览器自身的内存中，本页面无法擦除，直到关闭浏览器为止。请优先加载密钥文件；仪式结束后请关闭浏览器。',

  'step4.title': '第 4 步 — 备份',
  'step4.intro': 'KMS 无法导出密钥材料，而重新导入（材料过期或被删除后）需要相同的密钥材料。请现在下载目标密钥的加密备份并妥善保存。',
  'step4.required': '必需：密钥是在这里生成的，此备份是它唯一的副本。',
  'step4.optional': '可选：密钥是从您已持有的文件加载的。',
  'step4.waiting': '请先生成或加载目标密钥（第 3 步）。',
  'step4.passphrase': '备份口令',
  'step4.confirm': '确认备份口令',
  'step4.strength.empty': '请选择至少 {min} 个字符的口令。',
  'step4.strength.tooShort': '太短：{length} 个字符，至少需要 {min} 个。',
  'step4.strength.weak': '弱（粗略估计约 {bits} 位）。请使用更多单词或字符。',
  'step4.strength.fair': '一般（粗略估计约 {bits} 位）。用于密钥备份时越长越好。',
  'step4.strength.strong': '强（粗略估计约 {bits} 位）。',
  'step4.strengthAdvice': '六个或更多随机单词可组成强口令。请把口令写下来，并与备份文件分开保存。',
  'step4.mismatch': '两次输入的口令不同。',
  'step4.download': '下载加密备份',
  'step4.encrypting': '正在加密备份（PBKDF2-HMAC-SHA256，600,000 次迭代）…',
  'step4.format': '加密的 PKCS#8 PEM（PBES2，AES-256-CBC）；OpenSSL 可读取：openssl pkey -in {file}',
  'step4.saved': '备份已下载',
  'step4.savedSha256': '备份文件 SHA-256',
  'step4.check': '请确认文件已保存到备份介质上，且其 SHA-256 与这里显示的一致。',

  'step5.title': '第 5 步 — 封装',
  'step5.intro': '用加密公钥加密目标密钥：Cipher(ESK) ‖ Cipher(TAK)，即阿里云文档步骤三所述的过程。',
  'step5.wrap': '封装密钥材料',
  'step5.wrapping': '正在封装…',
  'step5.blocked': '封装之前需要：',
  'step5.need.selfTestRunning': '等待开机自检完成',
  'step5.need.selfTestFailed': '开机自检失败（{tests}）：在此浏览器中拒绝封装',
  'step5.need.wrappingKey': '加载加密公钥（第 2 步）',
  'step5.need.token': '加载导入令牌（第 2 步）',
  'step5.need.target': '生成或加载目标密钥（第 3 步）',
  'step5.need.specMatch': '使用第 1 步所选规格的目标密钥（第 3 步）',
  'step5.need.backup': '下载加密备份（第 4 步）',
  'step5.result': '密钥材料',
  'step5.algorithm': '算法',
  'step5.size': '大小',
  'step5.fileSha256': '文件 SHA-256',
  'step5.material': '密钥材料（base64，密文）',
  'step5.download': '下载密钥材料',
  'step5.copy': '复制密钥材料',
  'step5.downloaded': '已下载为 {file}。',
  'step5.uploadHeading': '在 KMS 控制台上传（文档步骤四）',
  'step5.upload1': '在密钥详情页面，点击“导入密钥材料”。',
  'step5.upload2': '封装后的密钥材料：上传 {file}。',
  'step5.upload3': '导入令牌：上传 {file}（第 2 步的令牌）。',
  'step5.upload4': '密钥材料过期时间：{expiry}。',
  'step5.upload5': '点击“确定”。密钥状态将从“待导入”变为“启用中”。',
  'step5.expiryHeading': '密钥材料过期时间',
  'step5.expiry.never': '永不过期',
  'step5.expiry.date': '过期时间（本地时间）',
  'step5.expiry.dateLabel': '过期日期和时间',
  'step5.expiry.neverValue': '永不过期',
  'step5.expiry.unix': 'KeyMaterialExpireUnix：{unix}（{iso}）',
  'step5.expiry.invalid': '请选择一个将来的日期和时间。',
  'step5.expiry.warning': '密钥材料过期后 KMS 会将其删除；届时需要用备份重新导入。',
  'step5.cliHeading': '或使用阿里云 CLI',
  'step5.cliHelp': '请在联网的计算机上、在存放这两个文件的目录中运行。$(cat …) 在 POSIX shell 中读取文件内容。',
  'step5.cliInline': '在命令中直接显示值，而不是引用文件',
  'step5.cliCopy': '复制命令',
  'step5.keyIdPlaceholder': '<KeyId>',
  'step5.stale': '封装之后输入发生了变化；请重新封装。',

  'step6.title': '第 6 步 — 导入后核对',
  'step6.intro': '导入之后，从 KMS 获取公钥（控制台密钥详情，或 aliyun kms GetPublicKey --KeyId … --KeyVersionId …），并粘贴到这里。',
  'step6.input': 'KMS 公钥',
  'step6.file': 'GetPublicKey 文件',
  'step6.compare': '与目标密钥比对',
  'step6.needTarget': '目标密钥不在内存中。请在下方加载第 3 步保存的目标公钥（“下载公钥”），或在第 3 步重新加载密钥（从备份）。',
  'step6.savedKey': '目标公钥（第 3 步保存）',
  'step6.match': '与目标密钥一致。',
  'step6.mismatch': '与目标密钥不一致。KMS 中的密钥不是这里准备的密钥；请勿使用。',
  'step6.expected': '目标密钥公钥 SHA-256',
  'step6.actual': 'KMS 公钥 SHA-256',
  'step6.found': 'KMS 返回',

  'step7.title': '第 7 步 — 完成',
  'step7.intro':
    '请把下面的指纹记录到操作手册中，然后清除一切。关闭或重新加载标签页也会清除一切；如果生成的密钥尚未下载备份或密钥材料尚未下载，页面会先询问。',
  'step7.print': '打印记录',
  'step7.clear': '清除一切',
  'step7.clearHelp': '从内存中擦除目标密钥和密钥材料，并重置所有步骤。',
  'step7.unsaved.backup': '生成的密钥尚未下载备份。',
  'step7.unsaved.material': '密钥材料尚未下载。',
  'step7.cleared': '已清除一切：目标密钥和密钥材料已从内存中擦除。',
  'step7.record.instance': '实例类型',
  'step7.record.keySpec': '密钥规格',
  'step7.record.keyId': 'KMS 密钥 ID',
  'step7.record.algorithm': '加密算法',
  'step7.record.wrappingKey': '加密公钥 SHA-256',
  'step7.record.token': '导入令牌 SHA-256',
  'step7.record.tak': 'TAK 公钥 SHA-256',
  'step7.record.backup': '备份文件 SHA-256',
  'step7.record.material': '密钥材料文件 SHA-256',
  'step7.record.none': '—',
  'step7.record.match': '一致',
  'step7.record.title': 'byok-wrap 仪式记录',
  'step7.record.started': '仪式开始时间',
  'step7.record.made': '记录生成时间',
  'step7.record.madeLater': '打印或下载时填写',
  'step7.record.appVersion': '应用版本',
  'step7.record.appCommit': '应用提交',
  'step7.record.appForm': '应用形式',
  'step7.record.appSha256': 'byok-wrap.html SHA-256',
  'step7.record.appSha256Blank': '已与 SHA256SUMS 核对（手写填写）',
  'step7.record.selfTest': '开机自检',
  'step7.record.selfTestPassed': '通过（{passed}/{total}）',
  'step7.record.selfTestFailed': '失败：{tests}',
  'step7.record.selfTestRunning': '尚未完成',
  'step7.record.expiry': '密钥材料过期时间',
  'step7.record.expiryValue': '{date}（KeyMaterialExpireUnix {unix}）',
  'step7.record.section.app': '此 byok-wrap 副本',
  'step7.record.section.key': 'KMS 中的密钥',
  'step7.record.section.sha256': '指纹（SHA-256）',
  'step7.record.steps': '步骤',
  'step7.record.step.done': '已完成',
  'step7.record.step.not-done': '未完成',
  'step7.record.step.optional-skipped': '未制作（可选：密钥是从文件加载的）',
  'step7.record.step.not-downloaded': '已封装，未下载',
  'step7.record.step.mismatch': '不一致',
  'step7.record.operator': '操作员（密钥保管人）',
  'step7.record.witness': '见证人',
  'step7.record.signature': '签名',
  'step7.record.signDate': '日期',
  'step7.record.noSecrets': '本记录只包含指纹、姓名和设置：不含密钥、令牌、密钥材料或口令。',
  'step7.details': '记录中的姓名',
  'step7.operatorName': '操作员姓名',
  'step7.witnessName': '见证人姓名',
  'step7.appSha256': '已核对的 byok-wrap.html 的 SHA-256',
  'step7.appSha256Help': '可选：粘贴 sha256sum 为已与公布的 SHA256SUMS 核对过的副本输出的那一行。留空时，打印的记录中留有手写的空行。',
  'step7.appSha256Invalid': '这不是 SHA-256：应为 64 位十六进制数字（sha256sum 输出行的第一个词）。',
  'step7.downloadText': '下载记录（文本）',
  'step7.downloadJson': '下载记录（JSON）',
  'step7.recordHelp': '请在清除一切之前打印或下载记录：清除后记录为空。',

  'lang.label': 'Language / 语言',
  'lang.en': 'English',
  'lang.zh-CN': '简体中文',

  'selftest.title': '开机自检',
  'selftest.about': '对封装过程用到的每个算法进行已知答案测试（docs/spec.md §8），在允许封装之前于此浏览器中计算。',
  'selftest.running': '正在运行自检…',
  'selftest.passed': '自检通过',
  'selftest.passedDetail': '全部 {n} 项测试均得到预期结果。',
  'selftest.failed': '自检失败：{tests}',
  'selftest.couldNotRun': '自检无法运行',
  'selftest.failedDetail':
    '封装被拒绝。请重新加载页面以再次运行测试。如果仍有测试失败，请勿在本次仪式中使用此副本或此浏览器：请用 SHA256SUMS 核对副本，或换一台计算机。',
  'selftest.test': '测试',
  'selftest.result': '结果',
  'selftest.time': '用时',
  'selftest.pass': '通过',
  'selftest.fail': '失败',
  'selftest.ms': '{ms} 毫秒',

  'airgap.title': '物理隔离',
  'airgap.network': '网络',
  'airgap.offline': '离线（浏览器报告没有网络连接）',
  'airgap.online': '在线（浏览器报告已连接网络）',
  'airgap.requests': '加载后的请求',
  'airgap.requestCount': '加载后发出 {n} 个请求',
  'airgap.requestCountOne': '加载后发出 1 个请求',
  'airgap.requestsHelp':
    '本页面在加载事件之后发出的所有请求，由浏览器统计（Resource Timing）；应为 0。Service Worker 自己下载应用文件发生在 Worker 中，不计入此处。',
  'airgap.blocked': '加载后被安全策略拦截',
  'airgap.csp': '生效的内容安全策略（CSP）',
  'airgap.cspNone': '无：这不是构建后的应用副本（开发服务器）；请勿用于密钥仪式',
  'airgap.cspHelp': "connect-src 'none' 禁止本页面建立任何连接，无论目标地址，包括它自己的来源。",
  'airgap.copy': '此副本',
  'airgap.form.single-file': '单文件（byok-wrap.html）',
  'airgap.form.pwa': 'Web 应用（PWA，带 Service Worker）',
  'airgap.form.dev': '开发服务器',
  'airgap.buildLabel': '构建',
  'airgap.build': '版本 {version}，提交 {commit}',
};

export const CATALOGUES: Readonly<Record<Lang, Catalogue>> = { en, 'zh-CN': zhCN };

/** The current language (reactive: reading it inside a template or $derived tracks it). */
export function lang(): Lang {
  return locale.lang;
}

export function setLang(l: Lang): void {
  locale.lang = l;
}

/** The text for `key` in the current language, with `{name}` placeholders filled from `params`. */
export function t(key: MessageKey, params?: Params): string {
  return translate(locale.lang, key, params);
}

/** The text for `key` in `language` (not reactive: for files written in a given language). */
export function translate(language: Lang, key: MessageKey, params?: Params): string {
  const text = CATALOGUES[language]?.[key] ?? en[key];
  return params ? text.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m)) : text;
}

/** A UI message to show later: a key and its parameters; a `{ t: key }` parameter is itself translated. */
export interface Notice {
  key: MessageKey;
  params?: Record<string, string | number | { t: MessageKey }>;
}

export function tNotice(n: Notice): string {
  if (!n.params) return t(n.key);
  const params: Params = {};
  for (const [k, v] of Object.entries(n.params)) params[k] = typeof v === 'object' ? t(v.t) : v;
  return t(n.key, params);
}

/** A library failure as stored in the flow state: its code and public facts only, never the thrown object. */
export interface Problem {
  code: ErrorCode | 'internal';
  facts: ErrorFacts;
}

/** Message and hint for a stored problem, in the current language (via the library's one catalogue). */
export function describeProblem(p: Problem): DescribedError {
  return describeError(p.code === 'internal' ? undefined : new ByokError(p.code, p.facts), locale.lang);
}

/** The same moment in UTC, as ISO 8601 without milliseconds: 2026-11-30T06:05:09Z. */
export function formatUtc(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** A local time for the ceremony record, unambiguous on paper: 2026-11-30 14:05:09 UTC+08:00. */
export function formatTimestamp(ms: number): string {
  const d = new Date(ms);
  const p = (n: number) => String(Math.abs(n)).padStart(2, '0');
  const off = -d.getTimezoneOffset();
  const sign = off >= 0 ? '+' : '-';
  return (
    `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())} ` +
    `UTC${sign}${p(Math.trunc(off / 60))}:${p(off % 60)}`
  );
}
