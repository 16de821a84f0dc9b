// Every word the console shows comes from one catalogue: messages.zh-CN.json and messages.en.json, the same keys
// in both (CatalogueTest fails the build otherwise). The language is the one the person chose (saved in this
// browser), else the first of the browser's languages that is Chinese or English, else Chinese.
//
// Dates and times are always China Standard Time, whatever the browser's zone, with the zone shown:
// "2026-11-30 11:28:35（北京时间）" in Chinese, "2026-11-30 11:28:35 (CST, UTC+8)" in English: one unambiguous
// 24-hour, year-first form both readers know, so a time copied from one language reads the same in the other.

export const LANGUAGES = ['zh-CN', 'en'];
export const ZONE = 'Asia/Shanghai';
const SAVED = 'alliance.language';

/** The language to show: the saved choice, else the browser's first Chinese or English preference, else Chinese. */
export function chosenLanguage() {
  try {
    const saved = localStorage.getItem(SAVED);
    if (LANGUAGES.includes(saved)) return saved;
  } catch {
    // storage unavailable (a locked-down browser): fall back to the browser's preferences
  }
  const preferred = navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language || ''];
  for (const tag of preferred) {
    const lower = String(tag).toLowerCase();
    if (lower.startsWith('zh')) return 'zh-CN';
    if (lower.startsWith('en')) return 'en';
  }
  return 'zh-CN';
}

export const language = chosenLanguage();

async function load(lang) {
  const response = await fetch(new URL(`./messages.${lang}.json`, import.meta.url));
  if (!response.ok) throw new Error(`messages.${lang}.json: ${response.status}`);
  return response.json();
}

// top-level await: every module that imports t() runs once the catalogue is here
const messages = await load(language).catch(error => {
  console.error(error);
  return {};
});
document.documentElement.lang = language;

/** Saves the choice and shows the console again in that language. */
export function setLanguage(lang) {
  if (!LANGUAGES.includes(lang)) return;
  try {
    localStorage.setItem(SAVED, lang);
  } catch {
    // not saved: the switch still applies to this page load via the query below
  }
  window.location.reload();
}

/** The message for a key, with {name} placeholders filled from params; an unknown key shows itself, loudly. */
export function t(key, params) {
  const template = messages[key];
  if (typeof template !== 'string') {
    console.warn(`i18n: no message "${key}" in ${language}`);
    return key;
  }
  return !params ? template : template.replace(/\{(\w+)\}/g, (all, name) => (name in params ? String(params[name]) : all));
}

/** Whether the catalogue has a message for the key (for labels of API names it may or may not know). */
export function has(key) {
  return typeof messages[key] === 'string';
}

/** t() whose params may be DOM nodes (a <strong>, a <code>): an array of text and nodes, for h() children. */
export function tn(key, params) {
  const template = t(key);
  const parts = [];
  let last = 0;
  template.replace(/\{(\w+)\}/g, (all, name, at) => {
    parts.push(template.slice(last, at));
    const value = params && name in params ? params[name] : all;
    parts.push(value instanceof Node ? value : String(value));
    last = at + all.length;
    return all;
  });
  parts.push(template.slice(last));
  return parts.filter(part => part !== '');
}

/** A count in words: the ".one" message for 1, ".other" for any other number, with {count} filled. */
export function tc(key, count, params) {
  return t(`${key}.${count === 1 ? 'one' : 'other'}`, { ...params, count: number(count) });
}

const locale = () => (language === 'zh-CN' ? 'zh-CN' : 'en-US');

/** A whole or decimal number grouped as the reader groups digits. */
export function number(value, digits) {
  if (typeof value !== 'number') return String(value ?? '—');
  return value.toLocaleString(locale(), digits === undefined ? { maximumFractionDigits: 2 }
    : { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

const PARTS = new Intl.DateTimeFormat('en-US', {
  timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit',
  second: '2-digit', hourCycle: 'h23',
});

function cst(date) {
  const p = Object.fromEntries(PARTS.formatToParts(date).map(part => [part.type, part.value]));
  return { date: `${p.year}-${p.month}-${p.day}`, time: `${p.hour}:${p.minute}:${p.second}` };
}

/** An instant as "2026-11-30 11:28:35（北京时间）" / "2026-11-30 11:28:35 (CST, UTC+8)"; "—" when absent. */
export function dateTime(iso) {
  if (!iso) return '—';
  const date = iso instanceof Date ? iso : new Date(iso);
  if (Number.isNaN(date.getTime())) return String(iso);
  const { date: day, time } = cst(date);
  return t('time.dateTime', { date: day, time });
}

/** Today's date in China Standard Time, "2026-11-30" (what a date input and the API's date bounds mean). */
export function todayCst(offsetDays = 0) {
  return cst(new Date(Date.now() + offsetDays * 24 * 3600 * 1000)).date;
}

/** Now as a datetime-local value in China Standard Time, "2026-11-30T11:28:35". */
export function nowCstInput() {
  const { date, time } = cst(new Date());
  return `${date}T${time}`;
}

/** A datetime-local value read as China Standard Time ("2026-11-30T11:28" → that instant); null when malformed. */
export function fromCstInput(value) {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(:\d{2})?$/.exec(String(value || ''));
  if (!m) return null;
  const date = new Date(`${m[1]}T${m[2]}${m[3] || ':00'}+08:00`);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** The language switch for the top bar: the other language, named in itself. */
export function languageSwitch(h) {
  return h('div', { class: 'lang', role: 'group', 'aria-label': t('lang.label') },
    LANGUAGES.map(lang => h('button', {
      type: 'button', class: `btn ghost small${lang === language ? ' active' : ''}`, lang,
      'aria-pressed': lang === language ? 'true' : 'false', 'data-test': `lang-${lang}`,
      onclick: () => setLanguage(lang),
    }, t(`lang.${lang}`))));
}
