// Test-side DER tree: read a well-formed fixture (made by OpenSSL) into nodes, change them, write them back.
// Written without anything from src/ so that a shared mistake cannot make both sides agree (X.690 §8.1).
import { cat, encodeLength, tlv } from '../helpers/der.ts';

export { encodeLength, tlv };

export interface DerNode {
  /** identifier octet (low-tag-number form only: the fixtures never use more) */
  tag: number;
  /** content octets of a primitive node */
  value?: Uint8Array;
  /** children of a constructed node */
  children?: DerNode[];
  /** length octets to write instead of the correct ones (a damaged header with consistent ancestors) */
  lengthOctets?: Uint8Array;
}

/** Where a node's header sits in the encoding it was read from (for byte-level length tampering). */
export interface NodeSpan {
  offset: number;
  headerLength: number;
  length: number;
}

const trees = new WeakMap<Uint8Array, DerNode>();

/**
 * Read DER that is known to be well-formed (a fixture, or one after a tree mutation); throws otherwise. Trees
 * are never changed in place (replaceAt copies), so each buffer is read once.
 */
export function readTree(der: Uint8Array): DerNode {
  const cached = trees.get(der);
  if (cached) return cached;
  const [node, end] = readAt(der, 0, der.length);
  if (end !== der.length) throw new Error('fixture has trailing bytes');
  trees.set(der, node);
  return node;
}

/**
 * Every node's header position in pre-order (the order the library's walker visits them). Lenient, because
 * stacked mutations ask this of already damaged DER: it records what it can read and stops where it cannot.
 */
export function spansOf(der: Uint8Array): NodeSpan[] {
  const spans: NodeSpan[] = [];
  const visit = (offset: number, limit: number): number => {
    if (offset + 2 > limit) throw new RangeError('short');
    let length = der[offset + 1]!;
    let header = 2;
    if (length & 0x80) {
      const n = length & 0x7f;
      if (n === 0 || n > 4 || offset + 2 + n > limit) throw new RangeError('length');
      length = 0;
      for (let i = 0; i < n; i++) length = length * 256 + der[offset + 2 + i]!;
      header += n;
    }
    spans.push({ offset, headerLength: header, length });
    const end = offset + header + length;
    if (end > limit) throw new RangeError('long');
    if (der[offset]! & 0x20) for (let p = offset + header; p < end; ) p = visit(p, end);
    return end;
  };
  try {
    visit(0, der.length);
  } catch {
    // damaged beyond this point
  }
  return spans.length > 0 ? spans : [{ offset: 0, headerLength: Math.min(2, der.length), length: 0 }];
}

function readAt(der: Uint8Array, offset: number, limit: number): [DerNode, number] {
  const tag = der[offset]!;
  let length = der[offset + 1]!;
  let header = 2;
  if (length & 0x80) {
    const n = length & 0x7f;
    length = 0;
    for (let i = 0; i < n; i++) length = length * 256 + der[offset + 2 + i]!;
    header += n;
  }
  const start = offset + header;
  const end = start + length;
  if (end > limit) throw new Error('fixture is truncated');
  if (tag & 0x20) {
    const children: DerNode[] = [];
    for (let p = start; p < end; ) {
      const [child, next] = readAt(der, p, end);
      children.push(child);
      p = next;
    }
    return [{ tag, children }, end];
  }
  return [{ tag, value: der.slice(start, end) }, end];
}

export function writeTree(node: DerNode): Uint8Array {
  const content = node.children ? cat(...node.children.map(writeTree)) : (node.value ?? new Uint8Array(0));
  if (node.lengthOctets) return cat(Uint8Array.of(node.tag), node.lengthOctets, content);
  return tlv(node.tag, content);
}

/** Pre-order list of paths (child indexes from the root) to every node. */
export function pathsOf(node: DerNode, prefix: number[] = [], out: number[][] = []): number[][] {
  out.push(prefix);
  node.children?.forEach((c, i) => pathsOf(c, [...prefix, i], out));
  return out;
}

/** A copy of the tree with the node at `path` replaced by `f(node)` (an array splices several in, [] drops it). */
export function replaceAt(root: DerNode, path: number[], f: (n: DerNode) => DerNode | DerNode[]): DerNode | undefined {
  if (path.length === 0) {
    const r = f(root);
    return Array.isArray(r) ? r[0] : r;
  }
  const [i, ...rest] = path;
  const children = root.children!.slice();
  if (rest.length === 0) {
    const r = f(children[i!]!);
    children.splice(i!, 1, ...(Array.isArray(r) ? r : [r]));
  } else {
    const sub = replaceAt(children[i!]!, rest, f);
    if (sub === undefined) children.splice(i!, 1);
    else children[i!] = sub;
  }
  return { tag: root.tag, children };
}

export function nodeAt(root: DerNode, path: number[]): DerNode {
  let n = root;
  for (const i of path) n = n.children![i]!;
  return n;
}

/** X.690 §8.19 OBJECT IDENTIFIER content octets. */
export function oidContent(dotted: string): Uint8Array {
  const arcs = dotted.split('.').map((a) => BigInt(a));
  const first = arcs[0]! * 40n + arcs[1]!;
  const out: number[] = [];
  for (const arc of [first, ...arcs.slice(2)]) {
    const groups: number[] = [];
    let v = arc;
    do {
      groups.unshift(Number(v & 0x7fn));
      v >>= 7n;
    } while (v > 0n);
    for (let i = 0; i < groups.length - 1; i++) groups[i]! |= 0x80;
    out.push(...groups);
  }
  return Uint8Array.from(out);
}

/** X.690 §8.3 INTEGER content octets of a (possibly negative) bigint, minimal two's complement. */
export function integerContent(v: bigint): Uint8Array {
  const out: number[] = [];
  let x = v;
  for (;;) {
    const byte = Number(x & 0xffn);
    out.unshift(byte);
    x >>= 8n;
    if ((x === 0n && (byte & 0x80) === 0) || (x === -1n && (byte & 0x80) !== 0)) break;
  }
  return Uint8Array.from(out);
}

export const TAG = { INTEGER: 0x02, BIT_STRING: 0x03, OCTET_STRING: 0x04, NULL: 0x05, OID: 0x06, SEQUENCE: 0x30, SET: 0x31 } as const;

/** OIDs that steer a decoder into its rarer branches (spec §3.3, §4.2 rejection rules). */
export const INTERESTING_OIDS = [
  '1.2.840.113549.1.1.1', // rsaEncryption
  '1.2.840.113549.1.1.10', // RSA-PSS
  '1.2.840.113549.1.1.7', // RSA-OAEP
  '1.2.840.10045.2.1', // id-ecPublicKey
  '1.2.156.10197.1.301.1', // SM2 key algorithm
  '1.2.840.10045.3.1.7', // P-256
  '1.3.132.0.10', // secp256k1
  '1.2.156.10197.1.301', // sm2p256v1
  '1.3.132.0.34', // P-384
  '1.3.132.0.35', // P-521
  '1.3.36.3.3.2.8.1.1.7', // brainpoolP256r1
  '1.3.101.112', // Ed25519
  '1.3.101.110', // X25519
  '1.2.840.10040.4.1', // DSA
  '1.2.840.113549.1.5.13', // PBES2
  '1.2.840.113549.1.5.12', // PBKDF2
  '1.2.840.113549.1.5.3', // PBES1 MD5/DES
  '1.2.840.113549.1.12.1.3', // PKCS#12 3DES
  '1.3.6.1.4.1.11591.4.11', // scrypt
  '1.2.840.113549.2.7', // hmacWithSHA1
  '1.2.840.113549.2.8', // hmacWithSHA224
  '1.2.840.113549.2.9', // hmacWithSHA256
  '1.2.840.113549.2.11', // hmacWithSHA512
  '2.16.840.1.101.3.4.1.2', // aes128-CBC
  '2.16.840.1.101.3.4.1.22', // aes192-CBC
  '2.16.840.1.101.3.4.1.42', // aes256-CBC
  '1.2.840.113549.3.7', // DES-EDE3-CBC
  '2.5.4.3', // commonName
  '1.2.3.4.5.6.7.8.9.10.11.12.13.14.15.16.17.18.19.20', // long
  '2.999.18446744073709551616', // arc over 2^64
];
