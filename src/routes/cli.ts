// The `aliyun kms ImportKeyMaterial` line for step 5. By default it reads the two files with $(cat …), so the
// page never has to print the token; the values are put inline only when the user asks.

export interface ImportCommand {
  keyId: string;
  materialFile: string;
  tokenFile: string;
  expireUnix: number;
  /** inline values instead of file references */
  inline?: { material: string; token: string };
}

/** POSIX shell single-quoting. */
export function shellQuote(s: string): string {
  return /^[A-Za-z0-9._\/=+:@-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

export function importKeyMaterialCommand(c: ImportCommand): string {
  const material = c.inline ? shellQuote(c.inline.material) : `"$(cat ${shellQuote(c.materialFile)})"`;
  const token = c.inline ? shellQuote(c.inline.token) : `"$(cat ${shellQuote(c.tokenFile)})"`;
  return [
    'aliyun kms ImportKeyMaterial',
    `--KeyId ${shellQuote(c.keyId)}`,
    `--EncryptedKeyMaterial ${material}`,
    `--ImportToken ${token}`,
    `--KeyMaterialExpireUnix ${c.expireUnix}`,
  ].join(' ');
}
