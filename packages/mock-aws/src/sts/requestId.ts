import type { Random } from '../domain/random.js';

const HEX = '0123456789abcdef';

/** A version-4 UUID drawn from the mock's seeded random source, as STS request ids look. @internal */
export function requestId(random: Random): string {
  let out = '';
  for (let i = 0; i < 32; i++) {
    let nibble = Math.floor(random() * 16) & 15;
    if (i === 12) nibble = 4;
    if (i === 16) nibble = 8 | (nibble & 3);
    out += HEX[nibble];
    if (i === 7 || i === 11 || i === 15 || i === 19) out += '-';
  }
  return out;
}
