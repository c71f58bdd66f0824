// Every user-visible string of the ceremony app. English is the reference catalogue; every other language
// must supply every key (the type `Catalogue` enforces it). Placeholders are `{name}`; values are public facts
// only (file names, specs, fingerprints, counts), never secrets.
import {
  ALGORITHMS,
  ALIBABA_ASYMMETRIC_KEY_SPECS,
  ByokError,
  KEY_SPEC_INFO,
  algorithmForTargetSpec,
  describeError,
  type DescribedError,
  type ErrorCode,
  type ErrorFacts,
  type KeySpec,
  type Lang,
} from '../lib/index.ts';
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
  'step2.received.spkiSha256': 'Public key SHA-256',
  'step2.received.token': 'Import token received',
  'step2.received.tokenLength': 'Length',
  'step2.received.tokenSha256': 'Token SHA-256',
  'step2.received.tokenLoadedAt': 'Loaded at',
  'warn.suffixMismatch':
    'The file names do not belong together: publickey_{keySuffix} and token_{tokenSuffix}. The public key and the token must come from the same download; KMS rejects a mixed pair.',
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
  'step3.publicSha256': 'Target public key SHA-256',
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
  'step4.check': 'Not a backup yet: read the saved file back below. Its SHA-256 should match the one shown here.',

  // Step 5
  'step5.title': 'Step 5 — Wrap',
  'step5.intro': 'Encrypt the target key under the wrapping public key, as the Alibaba document\'s step 3 describes.',
  'step5.wrap': 'Wrap key material',
  'step5.wrapping': 'Wrapping…',
  'step5.blocked': 'Before wrapping:',
  'step5.need.selfTestRunning': 'wait for the power-on self-test to finish',
  'step5.need.selfTestFailed': 'the power-on self-test failed ({tests}): wrapping is refused in this browser',
  'step5.need.wrappingKey': 'load the wrapping public key (step 2)',
  'step5.need.token': 'load the import token (step 2)',
  'step5.need.target': 'generate or load the target key (step 3)',
  'step5.need.specMatch': 'use a target key of the spec chosen in step 1 (step 3)',
  'step5.need.backup': 'save the encrypted backup and read it back (step 4)',
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
    'Record the fingerprints below in the runbook, then clear everything. Closing or reloading the tab also erases everything; it asks first while a generated key has no verified backup or the material has not been downloaded. "Clear everything" asks first too, naming what would be lost.',
  'step7.print': 'Print record',
  'step7.clear': 'Clear everything',
  'step7.clearHelp': 'Wipes the target key and the key material from memory and resets every step.',
  'step7.unsaved.backup': 'The generated key has no verified backup yet.',
  'step7.unsaved.material': 'The key material has not been downloaded yet.',
  'step7.cleared': 'Everything was cleared: the target key and the key material were wiped from memory.',
  'step7.record.instance': 'Instance type',
  'step7.record.keySpec': 'Key spec',
  'step7.record.keyId': 'KMS key ID',
  'step7.record.algorithm': 'Wrapping algorithm',
  'step7.record.wrappingKey': 'Wrapping public key SHA-256',
  'step7.record.token': 'Import token SHA-256',
  'step7.record.tak': 'Target public key SHA-256',
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
    'Every request this page made after its load event, as the browser counts them (Resource Timing); 0 expected. A service worker\'s own downloads of the app\'s files happen in the worker and are counted on the next line.',
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
  // issue 8 §4: the service worker's own requests; which build started last; the offline copy's verification
  'airgap.worker': "Service worker's own requests",
  'airgap.workerCount': '{n} requests by the service worker since this page opened',
  'airgap.workerCountOne': '1 request by the service worker since this page opened',
  'airgap.workerNone': 'none: this copy has no service worker',
  'airgap.workerList': 'Show these requests',
  'airgap.workerInstall': '(saving the offline copy)',
  'airgap.workerFallback': '(missing from the offline copy)',
  'airgap.workerFailed': 'refused or failed',
  'airgap.workerHelp':
    "The service worker downloads the app's files when it installs a build, and a file missing from its offline copy; 0 expected once the copy is installed and the network is off. When the page is opened with a network, the browser itself also asks the server for sw.js to look for a new build; no count on this page can see that check.",
  'build.changedTitle': 'A different build of byok-wrap is running',
  'build.to': 'changed to',
  'build.previous': 'Started last in this browser',
  'build.current': 'This build',
  'build.changed':
    'It may be an update the browser installed in the background, or another copy of the app. Compare the new commit with the one your team reviewed and published (SHA256SUMS) before you continue. Generating, loading, backing up and wrapping keys wait until you acknowledge.',
  'build.acknowledge': 'Acknowledge the new build',
  'build.acknowledged': 'New build acknowledged: version {version}, commit {commit} is now the build this browser remembers.',
  'build.first':
    'First start of this build on this browser: version {version}, commit {commit}. The browser remembers it (version and commit only), so that a different build is shown before it is used.',
  'build.unremembered':
    'This browser does not let the page remember which build started last, so a different build cannot be detected here: compare the commit in the Air-gap panel with the published one.',
  'build.refuses': 'a different build of byok-wrap started: acknowledge it in the notice at the top of the page before generating, loading, backing up or wrapping a key',
  'step5.need.buildChange': 'acknowledge the different build in the notice at the top of the page',
  'update.ready': 'A new version of byok-wrap is ready. Reloading clears everything this tab holds: finish or save the ceremony first.',
  'update.reload': 'Reload to update',
  'update.installFailedTitle': 'The offline copy could not be verified',
  'update.installFailed':
    '{file} could not be downloaded, or its content did not match the SHA-256 this build lists. Nothing was kept: this copy does not work offline, and an offline copy saved earlier, if any, stays as it was.',
  'update.installFailedUnknown':
    'A file of the app could not be downloaded, or its content did not match the SHA-256 this build lists. Nothing was kept: this copy does not work offline, and an offline copy saved earlier, if any, stays as it was.',
  'update.installFailedDo':
    'What to do: do not use the files on this server for a ceremony. Check the published files with SHA256SUMS, serve them again, and reload; or use the single file byok-wrap.html after checking its SHA-256.',

  // Step 4 read-back check and the confirmations before destructive actions (issue 8 §1, §2)
  'backupCheck.heading': 'Read the saved backup back',
  'backupCheck.intro':
    'A download can fail or be cancelled without the page knowing. Pick the backup file where you saved it and type its passphrase once more: the backup counts only when it reads back and holds this key. The key in memory is not replaced.',
  'backupCheck.fileLabel': 'Saved backup (check)',
  'backupCheck.fileHelp': 'the file {file} on the backup medium',
  'backupCheck.passphrase': 'Backup passphrase (check)',
  'backupCheck.check': 'Check backup',
  'backupCheck.checking': 'Reading the backup back (PBKDF2, 600,000 iterations)…',
  'backupCheck.verified': 'Backup verified',
  'backupCheck.verifiedText': 'The saved file was read back: it decrypts with the passphrase and holds this key.',
  'backupCheck.file': 'Checked file',
  'backupCheck.fileSha256': 'Checked file SHA-256',
  'backupCheck.checkedAt': 'Read back at',
  'backupCheck.mismatch': 'This backup holds a different key ({spec}, public key SHA-256 {sha256}), not the key in memory.',
  'backupCheck.mismatch.hint':
    'It is an older backup or another ceremony\'s file. Pick the file you saved in this step; if it is missing, download the backup again and read that file back.',
  'backupCheck.passphraseWrong': 'The passphrase does not decrypt this backup.',
  'backupCheck.passphraseWrong.hint':
    'Type the passphrase written on the paper exactly (case, spaces, keyboard layout). If it still fails, the paper and the file do not belong together: download the backup again.',
  'backupCheck.passphraseMissing': 'The backup passphrase was not typed.',
  'backupCheck.passphraseMissing.hint': 'Type the backup passphrase in "Backup passphrase (check)", then check again.',
  'backupCheck.notEncrypted': 'This file is a private key without encryption, not the encrypted backup this page saves.',
  'backupCheck.notEncrypted.hint': 'Pick the file saved with "Download encrypted backup" (it begins with "-----BEGIN ENCRYPTED PRIVATE KEY-----").',
  'backupCheck.notABackup': 'This file is not an encrypted key backup: {reason}',
  'backupCheck.notABackup.hint': 'Pick the file saved with "Download encrypted backup", from the backup medium.',
  'step7.record.backupChecked': 'Backup file SHA-256, as read back',
  'step7.record.backupCheck': 'Backup read back',
  'step7.record.backupCheck.match': 'decrypts with the passphrase and holds this key',
  'step7.record.backupCheck.failed': 'FAILED ({outcome})',
  'step7.record.step.not-verified': 'downloaded, not read back',
  'confirm.cancel': 'Cancel',
  'confirm.wrap.title': 'Wrap the key material again?',
  'confirm.wrap.confirm': 'Yes, wrap again',
  'confirm.generate.title': 'Generate a new key?',
  'confirm.generate.confirm': 'Yes, replace the key',
  'confirm.load.title': 'Load another key?',
  'confirm.load.confirm': 'Yes, replace the key',
  'confirm.clear.title': 'Clear everything?',
  'confirm.clear.confirm': 'Yes, clear everything',
  'confirm.loss.keyLost': 'The {spec} key generated at {time} has no verified backup: it will be lost for good.',
  'confirm.loss.keyBackedUp': 'The {spec} key generated at {time} is wiped from this page (its backup was read back and verified).',
  'confirm.loss.keyLoaded': 'The {spec} key loaded at {time} is wiped from this page (the file it came from is not touched).',
  'confirm.loss.material.replaced.notDownloaded': 'This replaces the key material you wrapped at {time} (not downloaded yet).',
  'confirm.loss.material.replaced.downloaded':
    'This replaces the key material you wrapped at {time} (downloaded as {file}; that file stays valid for the same key).',
  'confirm.loss.material.wiped.notDownloaded': 'The key material wrapped at {time} is wiped (not downloaded yet).',
  'confirm.loss.material.wiped.downloaded': 'The key material wrapped at {time} is wiped (downloaded as {file}).',
  'confirm.loss.record': 'The ceremony record has not been printed or saved: it is emptied.',
  // Ceremony usability (issue 8 §5, §6): hidden characters, confirmations, token validity, status line,
  // announcements, the printed record's header and files
  'text.hidden': 'contains hidden or direction-changing characters ({chars}), which can make text read differently than it is; type it again by hand',
  'step1.keyIdHidden': 'The key ID is refused: it {problem}.',
  'step1.confirmHeading': 'Confirm the settings',
  'step1.confirm': 'Instance type and key spec above are the ones of the key in the KMS console',
  'step1.acknowledge': 'I have read the warnings from the Alibaba document above and continue anyway',
  'step1.detailsHeading': 'Details for reviewers',
  'step1.plan.fingerprints': 'Public key fingerprints',
  'step1.plan.fingerprintsValue':
    'SHA-256 of the key\'s DER SubjectPublicKeyInfo (SPKI), as openssl pkey -pubin -outform DER | sha256sum computes it. The Alibaba document calls the target key TAK.',
  'step2.tokenDownloadedAt': 'Token downloaded at (optional)',
  'step2.tokenDownloadedAtHelp': 'When the public key and token were downloaded from KMS; the token is valid for 24 hours after that.',
  'note.tokenValidity': 'The import token is valid for 24 hours after its download. Enter the download time above to see how long is left.',
  'note.tokenValidUntil': 'The import token is valid until {until}: {hours} h left.',
  'warn.tokenExpired':
    'The import token expired at {until} (24 hours after its download). Download a new public key and token together from KMS.',
  'step5.need.keyId': 'correct the KMS key ID: it contains hidden or direction-changing characters (step 1)',
  'step5.need.wrappingKeyType': 'load a wrapping public key of the type this key spec needs (step 2)',
  'step5.need.tokenExpired': 'the import token has expired: download a new public key and token (step 2)',
  'step7.nameHidden': 'This name is refused in the record: it {problem}.',
  'step7.record.verifyExpected': 'Step 6, expected public key SHA-256',
  'step7.record.verifyActual': 'Step 6, KMS public key SHA-256',
  'step7.record.section.files': 'Files',
  'step7.record.file.wrappingKey': 'Wrapping public key',
  'step7.record.file.token': 'Import token',
  'step7.record.file.targetKey': 'Target key loaded from',
  'step7.record.file.backup': 'Encrypted backup',
  'step7.record.file.material': 'Key material',
  'step7.record.file.savedPublicKey': 'Saved target public key (step 6)',
  'print.header': 'byok-wrap ceremony record · KMS key ID: {keyId}',
  'print.page': 'page {page} of {pages}',
  'statusLine.label': 'Ceremony status',
  'statusLine.selfTest.running': 'Self-test running',
  'statusLine.selfTest.passed': 'Self-test passed',
  'statusLine.selfTest.failed': 'Self-test FAILED',
  'statusLine.offline': 'Offline',
  'statusLine.online': 'ONLINE',
  'statusLine.progress': '{done} of {total} steps done',
  'statusLine.next': 'next: {step}',
  'nav.done': 'done',
  'announce.generated': 'Target key generated: {spec}.',
  'announce.wrapped': 'Key material wrapped: {file} is ready to download.',
  'announce.error': 'Error: {message}',
  'announce.backupVerified': 'Backup verified: {file} was read back and holds this key.',

  // This wizard's own words for library problems (issue 9): the library speaks for every provider; this app is
  // Alibaba Cloud KMS asymmetric import, so it names the console's files and steps. describeProblem() uses
  // 'problem.<code>.message|hint' when every {placeholder} has a value: a fact of the error, or {specs},
  // {ecSpecs}, {ecCurves}, {rsaBits}, {needed}, {neededAlgorithm} derived from the Alibaba data.
  'problem.base64_invalid.hint': 'paste the base64 exactly as KMS returned it, or use the downloaded file.',
  'problem.public_key_expected.hint': 'use the public key KMS reports for the key (GetPublicKey); it starts with -----BEGIN PUBLIC KEY-----.',
  'problem.wrapping_key_is_certificate.hint': 'download the wrapping public key (publickey_*.pem or publickey_*.bin) from the KMS console.',
  'problem.wrapping_key_is_private_key.message': 'this file is a private key ({found}), not the KMS wrapping public key',
  'problem.wrapping_key_is_private_key.hint':
    'pick publickey_*.pem or publickey_*.bin from "Obtain Parameters for Import"; keep private keys out of this field.',
  'problem.wrapping_key_unsupported.message': 'this file holds {found}; KMS wrapping keys for asymmetric import are RSA_2048 or EC_SM2',
  'problem.wrapping_key_unsupported.hint': 'download the wrapping public key again with wrapping key type RSA_2048 (or EC_SM2).',
  'problem.wrapping_key_invalid.hint': 'the file is damaged; download the wrapping public key and token again.',
  'problem.spec_not_supported_by_algorithm.hint':
    '{spec} keys need wrapping key type {needed} ({neededAlgorithm}); obtain the import parameters again with that type.',
  'problem.token_empty.hint': 'pick token_*.txt from the same download as the public key.',
  'problem.token_invalid.hint': 'pick the token_*.txt file itself, unchanged; it is base64 text.',
  'problem.key_spec_unknown.hint': 'choose one of {specs}.',
  'problem.key_algorithm_unsupported.message':
    'this is a key of type {found}; this ceremony (Alibaba Cloud KMS asymmetric import) takes only {specs} keys',
  'problem.key_algorithm_unsupported.hint': 'create the key in KMS with one of those specs and use a matching private key.',
  'problem.ec_curve_unsupported.message': 'this is a key on {curve}; this ceremony (Alibaba Cloud KMS asymmetric import) takes only {ecSpecs} keys',
  'problem.ec_curve_unsupported.hint': 'create the key in KMS with one of those specs and use a private key on {ecCurves}.',
  'problem.rsa_modulus_size.hint': 'use an RSA key of exactly {rsaBits} bits, matching the key spec in KMS.',
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
  'step2.received.spkiSha256': '公钥 SHA-256',
  'step2.received.token': '已收到导入令牌',
  'step2.received.tokenLength': '长度',
  'step2.received.tokenSha256': '令牌 SHA-256',
  'step2.received.tokenLoadedAt': '加载时间',
  'warn.suffixMismatch': '文件名不属于同一组：publickey_{keySuffix} 与 token_{tokenSuffix}。公钥和令牌必须来自同一次下载；KMS 会拒绝混用的组合。',
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
  'step3.publicSha256': '目标公钥 SHA-256',
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
  'step4.check': '还不算备份：请在下方回读已保存的文件。其 SHA-256 应与这里显示的一致。',

  'step5.title': '第 5 步 — 封装',
  'step5.intro': '用加密公钥加密目标密钥，即阿里云文档步骤三所述的过程。',
  'step5.wrap': '封装密钥材料',
  'step5.wrapping': '正在封装…',
  'step5.blocked': '封装之前需要：',
  'step5.need.selfTestRunning': '等待开机自检完成',
  'step5.need.selfTestFailed': '开机自检失败（{tests}）：在此浏览器中拒绝封装',
  'step5.need.wrappingKey': '加载加密公钥（第 2 步）',
  'step5.need.token': '加载导入令牌（第 2 步）',
  'step5.need.target': '生成或加载目标密钥（第 3 步）',
  'step5.need.specMatch': '使用第 1 步所选规格的目标密钥（第 3 步）',
  'step5.need.backup': '保存加密备份并回读核对（第 4 步）',
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
    '请把下面的指纹记录到操作手册中，然后清除一切。关闭或重新加载标签页也会清除一切；如果生成的密钥尚无已核验的备份或密钥材料尚未下载，页面会先询问。“清除一切”也会先询问，并说明将失去什么。',
  'step7.print': '打印记录',
  'step7.clear': '清除一切',
  'step7.clearHelp': '从内存中擦除目标密钥和密钥材料，并重置所有步骤。',
  'step7.unsaved.backup': '生成的密钥尚无已核验的备份。',
  'step7.unsaved.material': '密钥材料尚未下载。',
  'step7.cleared': '已清除一切：目标密钥和密钥材料已从内存中擦除。',
  'step7.record.instance': '实例类型',
  'step7.record.keySpec': '密钥规格',
  'step7.record.keyId': 'KMS 密钥 ID',
  'step7.record.algorithm': '加密算法',
  'step7.record.wrappingKey': '加密公钥 SHA-256',
  'step7.record.token': '导入令牌 SHA-256',
  'step7.record.tak': '目标公钥 SHA-256',
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
    '本页面在加载事件之后发出的所有请求，由浏览器统计（Resource Timing）；应为 0。Service Worker 自己下载应用文件发生在 Worker 中，在下一行单独统计。',
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
  // issue 8 §4：Service Worker 自己的请求；上次启动的构建；离线副本的校验
  'airgap.worker': 'Service Worker 自己的请求',
  'airgap.workerCount': '本页面打开后 Service Worker 发出 {n} 个请求',
  'airgap.workerCountOne': '本页面打开后 Service Worker 发出 1 个请求',
  'airgap.workerNone': '无：此副本没有 Service Worker',
  'airgap.workerList': '显示这些请求',
  'airgap.workerInstall': '（保存离线副本）',
  'airgap.workerFallback': '（离线副本中缺失）',
  'airgap.workerFailed': '被拒绝或失败',
  'airgap.workerHelp':
    'Service Worker 在安装某个构建时下载应用的文件，离线副本中缺少某个文件时也会下载；离线副本安装完成且断网后应为 0。在有网络时打开页面，浏览器本身还会向服务器请求 sw.js 以检查新构建；本页面上的任何计数都看不到这次检查。',
  'build.changedTitle': '正在运行的是另一个 byok-wrap 构建',
  'build.to': '变为',
  'build.previous': '此浏览器中上次启动的',
  'build.current': '此构建',
  'build.changed':
    '这可能是浏览器在后台安装的更新，也可能是应用的另一份副本。继续之前，请将新的提交与团队审核并发布的提交（SHA256SUMS）进行比对。在您确认之前，生成、加载、备份和封装密钥都会等待。',
  'build.acknowledge': '确认新构建',
  'build.acknowledged': '已确认新构建：此浏览器现在记住的构建是版本 {version}，提交 {commit}。',
  'build.first': '此构建在此浏览器中首次启动：版本 {version}，提交 {commit}。浏览器会记住它（仅版本和提交），以便在使用不同的构建之前先显示出来。',
  'build.unremembered': '此浏览器不允许页面记住上次启动的构建，因此这里无法发现构建变化：请将物理隔离面板中的提交与发布的提交进行比对。',
  'build.refuses': '启动的是另一个 byok-wrap 构建：请先在页面顶部的通知中确认，然后才能生成、加载、备份或封装密钥',
  'step5.need.buildChange': '在页面顶部的通知中确认另一个构建',
  'update.ready': 'byok-wrap 有新版本可用。重新加载会清除此标签页中的所有内容：请先完成或保存当前的密钥仪式。',
  'update.reload': '重新加载以更新',
  'update.installFailedTitle': '无法校验离线副本',
  'update.installFailed': '{file} 无法下载，或其内容与此构建列出的 SHA-256 不符。未保存任何内容：此副本不能离线使用；之前保存的离线副本（如有）保持不变。',
  'update.installFailedUnknown': '应用的某个文件无法下载，或其内容与此构建列出的 SHA-256 不符。未保存任何内容：此副本不能离线使用；之前保存的离线副本（如有）保持不变。',
  'update.installFailedDo': '处理方法：不要将此服务器上的文件用于密钥仪式。用 SHA256SUMS 核对发布的文件，重新提供后再重新加载；或在核对 SHA-256 后使用单文件 byok-wrap.html。',

  // 第 4 步的回读核对，以及破坏性操作前的确认（issue 8 §1、§2）
  'backupCheck.heading': '回读已保存的备份',
  'backupCheck.intro':
    '下载可能失败或被取消，而页面无从得知。请从保存位置选取备份文件，并再次输入其口令：只有能读回且包含此密钥的备份才算数。内存中的密钥不会被替换。',
  'backupCheck.fileLabel': '已保存的备份（核对）',
  'backupCheck.fileHelp': '备份介质上的文件 {file}',
  'backupCheck.passphrase': '备份口令（核对）',
  'backupCheck.check': '核对备份',
  'backupCheck.checking': '正在回读备份（PBKDF2，600,000 次迭代）…',
  'backupCheck.verified': '备份已核验',
  'backupCheck.verifiedText': '已回读保存的文件：它能用该口令解密，且包含此密钥。',
  'backupCheck.file': '已核对的文件',
  'backupCheck.fileSha256': '已核对文件的 SHA-256',
  'backupCheck.checkedAt': '回读时间',
  'backupCheck.mismatch': '此备份包含另一个密钥（{spec}，公钥 SHA-256 {sha256}），不是内存中的密钥。',
  'backupCheck.mismatch.hint': '这是较早的备份或其他仪式的文件。请选取在本步骤中保存的文件；如果找不到，请重新下载备份并回读该文件。',
  'backupCheck.passphraseWrong': '该口令无法解密此备份。',
  'backupCheck.passphraseWrong.hint': '请准确输入纸上记录的口令（大小写、空格、键盘布局）。如果仍然失败，说明纸条与文件不配套：请重新下载备份。',
  'backupCheck.passphraseMissing': '未输入备份口令。',
  'backupCheck.passphraseMissing.hint': '请在“备份口令（核对）”中输入备份口令，然后再次核对。',
  'backupCheck.notEncrypted': '此文件是未加密的私钥，不是本页面保存的加密备份。',
  'backupCheck.notEncrypted.hint': '请选取用“下载加密备份”保存的文件（以“-----BEGIN ENCRYPTED PRIVATE KEY-----”开头）。',
  'backupCheck.notABackup': '此文件不是加密的密钥备份：{reason}',
  'backupCheck.notABackup.hint': '请从备份介质中选取用“下载加密备份”保存的文件。',
  'step7.record.backupChecked': '回读的备份文件 SHA-256',
  'step7.record.backupCheck': '备份回读',
  'step7.record.backupCheck.match': '能用该口令解密，且包含此密钥',
  'step7.record.backupCheck.failed': '失败（{outcome}）',
  'step7.record.step.not-verified': '已下载，未回读',
  'confirm.cancel': '取消',
  'confirm.wrap.title': '再次封装密钥材料？',
  'confirm.wrap.confirm': '是，再次封装',
  'confirm.generate.title': '生成新密钥？',
  'confirm.generate.confirm': '是，替换密钥',
  'confirm.load.title': '加载另一个密钥？',
  'confirm.load.confirm': '是，替换密钥',
  'confirm.clear.title': '清除一切？',
  'confirm.clear.confirm': '是，清除一切',
  'confirm.loss.keyLost': '{time} 生成的 {spec} 密钥没有已核验的备份：它将永久丢失。',
  'confirm.loss.keyBackedUp': '{time} 生成的 {spec} 密钥将从本页面擦除（其备份已回读核验）。',
  'confirm.loss.keyLoaded': '{time} 加载的 {spec} 密钥将从本页面擦除（其来源文件不受影响）。',
  'confirm.loss.material.replaced.notDownloaded': '这将替换您在 {time} 封装的密钥材料（尚未下载）。',
  'confirm.loss.material.replaced.downloaded': '这将替换您在 {time} 封装的密钥材料（已下载为 {file}；该文件对同一密钥仍然有效）。',
  'confirm.loss.material.wiped.notDownloaded': '{time} 封装的密钥材料将被擦除（尚未下载）。',
  'confirm.loss.material.wiped.downloaded': '{time} 封装的密钥材料将被擦除（已下载为 {file}）。',
  'confirm.loss.record': '仪式记录尚未打印或保存：它将被清空。',
  // Ceremony usability (issue 8 §5, §6)
  'text.hidden': '含有隐藏字符或改变文字方向的字符（{chars}），会使显示的文字与实际内容不同；请手动重新输入',
  'step1.keyIdHidden': '密钥 ID 被拒绝：它{problem}。',
  'step1.confirmHeading': '确认设置',
  'step1.confirm': '上面的实例类型和密钥规格与 KMS 控制台中的密钥一致',
  'step1.acknowledge': '我已阅读上面阿里云文档相关的警告，仍然继续',
  'step1.detailsHeading': '供审核人员参考的细节',
  'step1.plan.fingerprints': '公钥指纹',
  'step1.plan.fingerprintsValue': '密钥的 DER SubjectPublicKeyInfo（SPKI）的 SHA-256，与 openssl pkey -pubin -outform DER | sha256sum 的计算相同。阿里云文档将目标密钥称为 TAK。',
  'step2.tokenDownloadedAt': '令牌下载时间（可选）',
  'step2.tokenDownloadedAtHelp': '从 KMS 下载公钥和令牌的时间；令牌自该时间起 24 小时内有效。',
  'note.tokenValidity': '导入令牌自下载起 24 小时内有效。在上面填写下载时间即可看到剩余时间。',
  'note.tokenValidUntil': '导入令牌有效期至 {until}：还剩 {hours} 小时。',
  'warn.tokenExpired': '导入令牌已于 {until} 过期（下载后 24 小时）。请从 KMS 重新同时下载公钥和令牌。',
  'step5.need.keyId': '更正 KMS 密钥 ID：其中含有隐藏字符或改变文字方向的字符（第 1 步）',
  'step5.need.wrappingKeyType': '加载此密钥规格所需类型的加密公钥（第 2 步）',
  'step5.need.tokenExpired': '导入令牌已过期：请重新下载公钥和令牌（第 2 步）',
  'step7.nameHidden': '此姓名不能写入记录：它{problem}。',
  'step7.record.verifyExpected': '第 6 步，预期公钥 SHA-256',
  'step7.record.verifyActual': '第 6 步，KMS 公钥 SHA-256',
  'step7.record.section.files': '文件',
  'step7.record.file.wrappingKey': '加密公钥',
  'step7.record.file.token': '导入令牌',
  'step7.record.file.targetKey': '目标密钥的来源文件',
  'step7.record.file.backup': '加密备份',
  'step7.record.file.material': '密钥材料',
  'step7.record.file.savedPublicKey': '保存的目标公钥（第 6 步）',
  'print.header': 'byok-wrap 仪式记录 · KMS 密钥 ID：{keyId}',
  'print.page': '第 {page} 页，共 {pages} 页',
  'statusLine.label': '仪式状态',
  'statusLine.selfTest.running': '自检进行中',
  'statusLine.selfTest.passed': '自检通过',
  'statusLine.selfTest.failed': '自检失败',
  'statusLine.offline': '离线',
  'statusLine.online': '在线',
  'statusLine.progress': '已完成 {done}/{total} 步',
  'statusLine.next': '下一步：{step}',
  'nav.done': '已完成',
  'announce.generated': '已生成目标密钥：{spec}。',
  'announce.wrapped': '已封装密钥材料：{file} 可以下载。',
  'announce.error': '错误：{message}',
  'announce.backupVerified': '备份已核验：已回读 {file}，其中包含此密钥。',

  'problem.base64_invalid.hint': '请按 KMS 返回的原样粘贴 base64，或使用下载的文件。',
  'problem.public_key_expected.hint': '请使用 KMS 为该密钥返回的公钥（GetPublicKey），它以 -----BEGIN PUBLIC KEY----- 开头。',
  'problem.wrapping_key_is_certificate.hint': '请从 KMS 控制台下载加密公钥（publickey_*.pem 或 publickey_*.bin）。',
  'problem.wrapping_key_is_private_key.message': '此文件是私钥（{found}），不是 KMS 加密公钥',
  'problem.wrapping_key_is_private_key.hint': '请选择“获取导入密钥材料的参数”下载的 publickey_*.pem 或 publickey_*.bin；不要把私钥放到这里。',
  'problem.wrapping_key_unsupported.message': '此文件包含 {found}；KMS 非对称密钥导入的加密公钥只能是 RSA_2048 或 EC_SM2',
  'problem.wrapping_key_unsupported.hint': '请以加密公钥类型 RSA_2048（或 EC_SM2）重新下载加密公钥。',
  'problem.wrapping_key_invalid.hint': '文件已损坏；请重新下载加密公钥和导入令牌。',
  'problem.spec_not_supported_by_algorithm.hint': '{spec} 密钥需要 {needed} 加密公钥（{neededAlgorithm}）；请以此加密公钥类型重新获取导入参数。',
  'problem.token_empty.hint': '请选择与公钥同一次下载的 token_*.txt。',
  'problem.token_invalid.hint': '请直接选择未经修改的 token_*.txt 文件；它是 base64 文本。',
  'problem.key_spec_unknown.hint': '请选择 {specs} 之一。',
  'problem.key_algorithm_unsupported.message': '这是 {found} 类型的密钥；本仪式（阿里云 KMS 非对称密钥导入）只接受 {specs} 密钥',
  'problem.key_algorithm_unsupported.hint': '请在 KMS 中以上述规格之一创建密钥，并使用相应的私钥。',
  'problem.ec_curve_unsupported.message': '这是 {curve} 曲线上的密钥；本仪式（阿里云 KMS 非对称密钥导入）只接受 {ecSpecs} 密钥',
  'problem.ec_curve_unsupported.hint': '请在 KMS 中以上述规格之一创建密钥，并使用 {ecCurves} 曲线上的私钥。',
  'problem.rsa_modulus_size.hint': '请使用恰好 {rsaBits} 位、且与 KMS 中密钥规格一致的 RSA 密钥。',
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

/** Message and hint for a stored problem, in the current language: this wizard's Alibaba words where the
 *  catalogue has them ('problem.<code>.*'), else the library's provider-neutral ones. */
export function describeProblem(p: Problem): DescribedError {
  const described = describeError(p.code === 'internal' ? undefined : new ByokError(p.code, p.facts), locale.lang);
  if (described.code === 'internal') return described;
  const params = problemParams(p.facts, locale.lang);
  const own = (part: 'message' | 'hint') => problemOverride(locale.lang, `problem.${described.code}.${part}`, params);
  return { code: described.code, message: own('message') ?? described.message, hint: own('hint') ?? described.hint };
}

/** "a, b and c" / "a、b 和 c" */
function joinList(items: readonly string[], language: Lang, last: 'and' | 'or'): string {
  if (items.length < 2) return items.join('');
  const en = language !== 'zh-CN';
  return items.slice(0, -1).join(en ? ', ' : '、') + (en ? ` ${last} ` : last === 'and' ? ' 和 ' : ' 或 ') + items.at(-1)!;
}

/** The error's public facts, plus the Alibaba asymmetric import facts the overrides name (from the library's data). */
function problemParams(facts: ErrorFacts, language: Lang): Params {
  const params: Params = {};
  for (const [k, v] of Object.entries(facts)) if (typeof v === 'string' || typeof v === 'number') params[k] = v;
  const specs = ALIBABA_ASYMMETRIC_KEY_SPECS;
  const ec = specs.flatMap((s) => {
    const i = KEY_SPEC_INFO[s];
    return i.family === 'ec' ? [{ spec: s, curve: i.curve }] : [];
  });
  const rsaBits = specs.flatMap((s) => {
    const i = KEY_SPEC_INFO[s];
    return i.family === 'rsa' ? [String(i.modulusBits)] : [];
  });
  params.specs = joinList(specs, language, 'and');
  params.ecSpecs = joinList(ec.map((e) => e.spec), language, 'and');
  params.ecCurves = joinList(ec.map((e) => e.curve), language, 'or');
  params.rsaBits = joinList(rsaBits, language, 'or');
  const spec = facts.spec;
  if (typeof spec === 'string' && (specs as readonly string[]).includes(spec)) {
    const algorithm = algorithmForTargetSpec(spec as KeySpec);
    params.needed = ALGORITHMS[algorithm].wrappingKeySpec;
    params.neededAlgorithm = algorithm;
  }
  return params;
}

/** The catalogue's override for `key`, filled; undefined if there is none or a placeholder has no value. */
function problemOverride(language: Lang, key: string, params: Params): string | undefined {
  const catalogue = CATALOGUES[language] ?? en;
  if (!Object.hasOwn(catalogue, key)) return undefined;
  let complete = true;
  const text = catalogue[key as MessageKey].replace(/\{(\w+)\}/g, (m, name: string) => {
    if (Object.hasOwn(params, name)) return String(params[name]);
    complete = false;
    return m;
  });
  return complete ? text : undefined;
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
