// Money arrives as integer fen and is only ever formatted here, by moving the decimal point in the
// digits: never a float, never arithmetic. Rates arrive as basis points and are shown as percent.

const INTEGER = /^-?\d+$/;

/** 123456 → "¥1,234.56"; a value that is not a whole number of fen is shown as unknown, not guessed. */
export function formatFen(fen) {
  if (fen === null || fen === undefined) return '—';
  let digits = typeof fen === 'bigint' ? fen.toString() : String(fen);
  if (!INTEGER.test(digits)) return '—';
  const negative = digits.startsWith('-');
  if (negative) digits = digits.slice(1);
  digits = digits.padStart(3, '0');
  const yuan = digits.slice(0, -2).replace(/^0+(?=\d)/, '');
  const grouped = yuan.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${negative && /[1-9]/.test(digits) ? '-' : ''}¥${grouped}.${digits.slice(-2)}`;
}

/** "1,234.5" or "¥88" → 123450 / 8800 fen; null when it is not an amount with at most two decimals. */
export function parseYuan(text) {
  const t = String(text ?? '').trim().replace(/^¥/, '').replace(/,/g, '');
  const m = /^(\d{1,11})(?:\.(\d{1,2}))?$/.exec(t);
  if (!m) return null;
  // the digits of the fen amount, read as a whole number (at most 13 digits: exact)
  return Number((m[1] + (m[2] ?? '').padEnd(2, '0')).replace(/^0+(?=\d)/, ''));
}

/** 2000 → "20%", 2550 → "25.5%", 3 → "0.03%". */
export function formatBps(bps) {
  if (bps === null || bps === undefined) return '—';
  let digits = String(bps);
  if (!INTEGER.test(digits)) return '—';
  const negative = digits.startsWith('-');
  if (negative) digits = digits.slice(1);
  digits = digits.padStart(3, '0');
  const whole = digits.slice(0, -2).replace(/^0+(?=\d)/, '');
  const fraction = digits.slice(-2).replace(/0+$/, '');
  return `${negative ? '-' : ''}${whole}${fraction ? '.' + fraction : ''}%`;
}

/** "20" → 2000, "25.5" → 2550 basis points; null when it is not a percent with at most two decimals. */
export function parsePercent(text) {
  const m = /^(\d{1,3})(?:\.(\d{1,2}))?$/.exec(String(text ?? '').trim().replace(/%$/, ''));
  if (!m) return null;
  return Number((m[1] + (m[2] ?? '').padEnd(2, '0')).replace(/^0+(?=\d)/, ''));
}

/** Fen as the yuan text an input shows: 8800 → "88.00" (no grouping, no sign). */
export function fenToInput(fen) {
  return formatFen(fen).replace(/[¥,]/g, '');
}
