/** SHA-256 via node:crypto's one-shot hash (several times faster than a JS implementation). */
import { hash } from 'node:crypto';

export function sha256(data: Uint8Array): Uint8Array {
  return hash('sha256', data, 'buffer');
}
