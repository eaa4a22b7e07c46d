import { toHalfWidth } from './id-card.js';

/** 530102199001011234 -> 5301**********1234: enough to tell people apart, not to use the number. */
export function maskIdNumber(id: string): string {
  if (id.length <= 8) return '*'.repeat(id.length);
  return id.slice(0, 4) + '*'.repeat(id.length - 8) + id.slice(-4);
}

/** 13812345678 -> 138****5678 */
export function maskPhone(phone: string): string {
  if (phone.length < 7) return '*'.repeat(phone.length);
  return phone.slice(0, 3) + '*'.repeat(phone.length - 7) + phone.slice(-4);
}

/**
 * Digits as people write numbers: ASCII or full-width, grouped by spaces or dashes ("5306 9919 6203 1458 8X",
 * "138-9684-8179", "138 - 9684 - 8179"), an ID number's X right after the last digit. Letters before a
 * number do not hide it ("ID530…").
 */
const SEPARATOR = '[ \\t\\u00A0\\u3000\\-\\uFF0D\\u2010-\\u2015]{1,3}';
const NUMBER_RUN = new RegExp(
  `(?<![0-9\\uFF10-\\uFF19])[0-9\\uFF10-\\uFF19]+(?:${SEPARATOR}[0-9\\uFF10-\\uFF19]+)*[XxＸｘ]?`,
  'g',
);
const SPLIT = new RegExp(`(${SEPARATOR})`);

const MOBILE = /^1[3-9]\d{9}$/;
const LANDLINE = /^0\d{9,11}$/;

/**
 * What digits are, once separators are gone: an ID number (18 with its X, 15, or any run of 15 or more:
 * a mistyped ID or a bank card is no less private), a mobile (also after 86 or 0086), or a landline with
 * its area code. Anything else (amounts, dates, 13-digit timestamps) is not a secret: null.
 */
function maskDigits(written: string): string | null {
  const d = toHalfWidth(written)
    .replace(/[^\dXx]/g, '')
    .toUpperCase();
  if (d.length >= 15 && /^\d+X?$/.test(d)) return maskIdNumber(d);
  if (MOBILE.test(d)) return maskPhone(d);
  if (/^(00)?86/.test(d) && MOBILE.test(d.replace(/^(00)?86/, ''))) return `86${maskPhone(d.replace(/^(00)?86/, ''))}`;
  if (LANDLINE.test(d)) return maskPhone(d);
  return null;
}

/** A run as a whole, or else its longest groups that are secrets ("共 5000 13800001111": the phone alone). */
function maskRun(run: string): string {
  const whole = maskDigits(run);
  if (whole !== null) return whole;
  const parts = run.split(SPLIT);
  const groups = parts.filter((_, k) => k % 2 === 0);
  const separators = parts.filter((_, k) => k % 2 === 1);
  let out = '';
  let i = 0;
  while (i < groups.length) {
    let masked: string | null = null;
    let end = groups.length;
    for (; end > i && masked === null; end--) masked = maskDigits(groups.slice(i, end).join(''));
    if (masked !== null) {
      out += masked;
      i = end + 1;
    } else out += groups[i++]!;
    if (i < groups.length) out += separators[i - 1]!;
  }
  return out;
}

/**
 * The one masking function for ID-card numbers and phones in free text: chat messages and cards,
 * console pages for viewers without the right to full numbers, exports and every log line.
 */
export function maskSecrets(text: string): string {
  return text.replace(NUMBER_RUN, maskRun);
}
