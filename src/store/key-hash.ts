import { createHash, randomBytes } from 'node:crypto';

/** Keys and tokens are shown once; only this hash is stored. */
export const hashKey = (key: string) => createHash('sha256').update(key).digest('hex');

export const newKey = (prefix: string) => `${prefix}_${randomBytes(24).toString('base64url')}`;
