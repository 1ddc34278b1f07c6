// How messages sit in the list, without any DOM: consecutive messages of one sender within a few
// minutes form a group (one name and time), a new day starts with a date line, and each sender
// has an avatar (initials, and a colour from the name).

import { fold, sameName } from './state.js';

export const GROUP_WINDOW_MS = 5 * 60_000;

const time = (msg) => Date.parse(msg?.timestamp || '');

/** The local day of a message ("2026-11-30"), or '' without a time. */
export function dayOf(msg) {
  const t = time(msg);
  if (!Number.isFinite(t)) return '';
  const d = new Date(t);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** A date line goes before `msg`: it is the first, or its day is not the one before. */
export function startsDay(prev, msg) {
  const day = dayOf(msg);
  return Boolean(day) && (!prev || dayOf(prev) !== day);
}

/** `msg` goes on `prev`'s group: same sender, same day, within GROUP_WINDOW_MS. */
export function continuesGroup(prev, msg) {
  if (!prev || !sameName(prev.from, msg.from) || startsDay(prev, msg)) return false;
  const gap = time(msg) - time(prev);
  return Number.isFinite(gap) && gap >= 0 && gap < GROUP_WINDOW_MS;
}

/** "S" for sara, "OK" for omar.k or omar_khaled: the first letter of up to two parts of the name. */
export function initials(name) {
  const parts = String(name ?? '').split(/[._-]+/u).filter(Boolean);
  return parts.slice(0, 2).map((part) => [...part][0].toLocaleUpperCase()).join('') || '?';
}

/** A hue (0–359) from the name, the same on every page for the same person. */
export function avatarHue(name) {
  let hash = 0;
  for (const ch of fold(String(name ?? ''))) hash = (hash * 31 + ch.codePointAt(0)) >>> 0;
  return hash % 360;
}
