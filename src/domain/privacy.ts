/** 530102199001011234 -> 5301************1234: enough to tell people apart, not to use the number. */
export function maskIdNumber(id: string): string {
  if (id.length <= 8) return '*'.repeat(id.length);
  return id.slice(0, 4) + '*'.repeat(id.length - 8) + id.slice(-4);
}

/** 13812345678 -> 138****5678 */
export function maskPhone(phone: string): string {
  if (phone.length < 7) return '*'.repeat(phone.length);
  return phone.slice(0, 3) + '*'.repeat(phone.length - 7) + phone.slice(-4);
}

const ID_IN_TEXT = /(?<![\dA-Za-z])\d{17}[\dXx](?![\dA-Za-z])/g;
const MOBILE_IN_TEXT = /(?<!\d)1[3-9]\d{9}(?!\d)/g;

/** Masks any ID-card number or mobile number found in free text (chat messages, log lines). */
export function maskSecrets(text: string): string {
  return text.replace(ID_IN_TEXT, maskIdNumber).replace(MOBILE_IN_TEXT, maskPhone);
}
