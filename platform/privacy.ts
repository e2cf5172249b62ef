// Personal data under PIPL: ID numbers and phones are encrypted at rest (AES-256-GCM) and found again
// by a keyed hash (HMAC-SHA-256) for duplicate hints; responses mask them unless the role needs them.
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';

export class Vault {
  private readonly encKey: Buffer;
  private readonly macKey: Buffer;

  constructor(key: Buffer) {
    if (key.length !== 32) throw new Error('DATA_KEY must be 32 bytes (base64-encoded)');
    this.encKey = Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), 'gc/encrypt/v1', 32));
    this.macKey = Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), 'gc/mac/v1', 32));
  }

  /** 'v1.' + base64(iv ‖ tag ‖ ciphertext); a fresh IV each time. */
  encrypt(plain: string): string {
    const iv = randomBytes(12);
    const c = createCipheriv('aes-256-gcm', this.encKey, iv);
    const ct = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
    return `v1.${Buffer.concat([iv, c.getAuthTag(), ct]).toString('base64')}`;
  }

  decrypt(sealed: string): string {
    if (!sealed.startsWith('v1.')) throw new Error('unknown ciphertext version');
    const raw = Buffer.from(sealed.slice(3), 'base64');
    const d = createDecipheriv('aes-256-gcm', this.encKey, raw.subarray(0, 12));
    d.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([d.update(raw.subarray(28)), d.final()]).toString('utf8');
  }

  /** Equal inputs (after normalising case and spaces) give equal hashes; nothing is revealed. */
  mac(value: string): string {
    return createHmac('sha256', this.macKey)
      .update(value.replace(/[\s-]+/g, '').toUpperCase())
      .digest('base64url');
  }
}

/** '330203199001011234' → '330***********1234'. */
export function maskIdNumber(id: string): string {
  return id.length <= 7 ? '*'.repeat(id.length) : `${id.slice(0, 3)}${'*'.repeat(id.length - 7)}${id.slice(-4)}`;
}

/** '13812345678' → '138****5678'. */
export function maskPhone(phone: string): string {
  return phone.length <= 7
    ? '*'.repeat(phone.length)
    : `${phone.slice(0, 3)}${'*'.repeat(phone.length - 7)}${phone.slice(-4)}`;
}

/** A name shown to people who may not see it in full: '张三丰' → '张**'. */
export function maskName(name: string): string {
  const chars = [...name];
  return chars.length <= 1 ? '*' : chars[0] + '*'.repeat(chars.length - 1);
}
