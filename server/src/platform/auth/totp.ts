import { Secret, TOTP } from 'otpauth';

/** RFC 6238 time-based one-time passwords (the second factor). */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

function totp(secret: string, label: string) {
  return new TOTP({ issuer: '协商', label, algorithm: 'SHA1', digits: 6, period: 30, secret: Secret.fromBase32(secret) });
}

export function totpUri(secret: string, username: string): string {
  return totp(secret, username).toString();
}

export function checkTotp(secret: string, code: string): boolean {
  return /^\d{6}$/.test(code) && totp(secret, '').validate({ token: code, window: 1 }) !== null;
}

export function currentTotp(secret: string): string {
  return totp(secret, '').generate();
}
