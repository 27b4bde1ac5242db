import { isIPv4, isIPv6 } from 'node:net';

/** An address or CIDR range as bytes and a prefix length. @public */
export interface IpRange {
  readonly bytes: Uint8Array;
  readonly prefix: number;
}

function v4(text: string): Uint8Array {
  return Uint8Array.from(text.split('.').map(Number));
}

function v6(text: string): Uint8Array {
  let head = text;
  let tailV4: Uint8Array | null = null;
  const lastColon = text.lastIndexOf(':');
  if (text.includes('.', lastColon)) {
    tailV4 = v4(text.slice(lastColon + 1));
    head = text.slice(0, lastColon + 1) + '0:0';
  }
  const [left = '', right] = head.split('::');
  const l = left === '' ? [] : left.split(':');
  const r = right === undefined || right === '' ? [] : right.split(':');
  const groups = [...l, ...new Array<string>(8 - l.length - r.length).fill('0'), ...r];
  const bytes = new Uint8Array(16);
  groups.forEach((g, i) => {
    const n = parseInt(g, 16);
    bytes[i * 2] = n >> 8;
    bytes[i * 2 + 1] = n & 0xff;
  });
  if (tailV4) bytes.set(tailV4, 12);
  return bytes;
}

/** Parses `203.0.113.7`, `203.0.113.0/24`, `2001:db8::/32`; null when it is neither. @public */
export function parseIpRange(text: string): IpRange | null {
  const slash = text.indexOf('/');
  const addr = slash === -1 ? text : text.slice(0, slash);
  const bits = isIPv4(addr) ? 32 : isIPv6(addr) ? 128 : 0;
  if (bits === 0) return null;
  let prefix = bits;
  if (slash !== -1) {
    const p = text.slice(slash + 1);
    if (!/^\d{1,3}$/.test(p) || Number(p) > bits) return null;
    prefix = Number(p);
  }
  return { bytes: bits === 32 ? v4(addr) : v6(addr), prefix };
}

/** Whether `address` lies in `range` (families must agree). @public */
export function ipInRange(range: IpRange, address: IpRange): boolean {
  if (range.bytes.length !== address.bytes.length) return false;
  let bits = range.prefix;
  for (let i = 0; bits > 0; i++, bits -= 8) {
    const mask = bits >= 8 ? 0xff : (0xff << (8 - bits)) & 0xff;
    if ((range.bytes[i]! & mask) !== (address.bytes[i]! & mask)) return false;
  }
  return true;
}
