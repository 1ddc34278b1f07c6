// User-interface strings in English and Arabic: the lookup. The tables are in i18n/en.js and
// i18n/ar.js (with i18n/*-moderation.js) and have the same keys (a browser test checks it). Values are plain text (they are
// always put in the DOM as text, never as HTML); `{name}` placeholders are replaced by
// `t(key, { name })`.

import ar from './i18n/ar.js';
import arModeration from './i18n/ar-moderation.js';
import en from './i18n/en.js';
import enModeration from './i18n/en-moderation.js';

// Moderation and administration have tables of their own, added to each language's.
const STRINGS = { en: { ...en, ...enModeration }, ar: { ...ar, ...arModeration } };

/** The languages the interface speaks, each named in itself (for the language switch). */
export const LANGUAGES = { en: 'English', ar: 'العربية' };
const RIGHT_TO_LEFT = new Set(['ar']);

let locale = 'en';

export function setLocale(name) {
  if (STRINGS[name]) locale = name;
  return locale;
}

/** The first supported language among the browser's preferences (`navigator.languages`), else English. */
export function preferredLocale(languages = globalThis.navigator?.languages || []) {
  for (const tag of languages) {
    const base = String(tag).toLowerCase().split('-')[0];
    if (STRINGS[base]) return base;
  }
  return 'en';
}

export function isRightToLeft(name = locale) {
  return RIGHT_TO_LEFT.has(name);
}

/** Every key of every table, per language: a translation that misses keys shows up in tests. */
export function tableKeys() {
  return Object.fromEntries(Object.entries(STRINGS).map(([name, table]) => [name, Object.keys(table)]));
}

export function t(key, vars = {}) {
  const table = STRINGS[locale] || STRINGS.en;
  const template = table[key] ?? STRINGS.en[key] ?? key;
  return template.replace(/\{(\w+)\}/g, (m, name) => (name in vars ? String(vars[name]) : m));
}

export function getLocale() {
  return locale;
}

/** A count with its plural form: `key.one`, `key.two`, `key.few`... as the locale needs, else `key.other`. */
export function plural(key, count, vars = {}) {
  const table = STRINGS[locale] || STRINGS.en;
  const exact = `${key}.${new Intl.PluralRules(locale).select(count)}`;
  return t(exact in table || exact in STRINGS.en ? exact : `${key}.other`, { count, ...vars });
}

/** A number in the page's language: "10,234", "١٠٬٢٣٤". */
export function formatCount(count) {
  return new Intl.NumberFormat(locale).format(count);
}

/** "a, b and c" in the page's language. */
export function formatList(items) {
  return new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' }).format(items.map(String));
}

/** A file size in the page's language: "950 B", "12 kB", "3.4 MB". */
export function formatSize(bytes) {
  const size = Math.max(0, Number(bytes) || 0);
  const [value, unit] = size >= 1e6 ? [size / 1e6, 'megabyte'] : size >= 1e3 ? [size / 1e3, 'kilobyte'] : [size, 'byte'];
  // 'short' spells bytes out ("900 byte"); 'narrow' gives "900B".
  const unitDisplay = unit === 'byte' ? 'narrow' : 'short';
  return new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay, maximumFractionDigits: 1 }).format(value);
}

/** Text for an error code from the server or the client. */
export function errorText(code) {
  const key = `error.${code}`;
  const table = STRINGS[locale] || STRINGS.en;
  if (key in table || key in STRINGS.en) return t(key);
  return t('error.generic', { code });
}
