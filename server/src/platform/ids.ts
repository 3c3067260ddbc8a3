import { randomBytes } from 'node:crypto';

let lastMs = 0;
let counter = 0;

/** UUIDv7 (RFC 9562): time-ordered, so primary-key inserts stay append-only in B-trees. */
export function newId(): string {
  let ms = Date.now();
  if (ms <= lastMs) {
    counter++;
    ms = lastMs;
  } else {
    counter = 0;
    lastMs = ms;
  }
  const bytes = randomBytes(16);
  bytes.writeUIntBE(ms, 0, 6);
  // 12-bit counter in rand_a keeps ids monotonic within one millisecond.
  bytes[6] = 0x70 | ((counter >> 8) & 0x0f);
  bytes[7] = counter & 0xff;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export const ID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
