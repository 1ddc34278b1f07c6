// What the page keeps in the browser's storage, without any DOM.
//
// Session: the session token of the last `welcome` is kept in localStorage (never a cookie), so
// every tab of the browser, a new one or one after a restart, logs in with it; read marks are
// kept there too. Log out removes both (and other tabs follow, on the `storage` event).
// Preferences (language, theme, notifications) are not secrets: they are kept in localStorage
// and stay after log out.
// Storage may be disabled or full: every access is guarded, and the page then just forgets.

import { fold } from './state.js';

export const SESSION_KEY = 'majlis.session';
export const READ_KEY_PREFIX = 'majlis.read.';
export const LANGUAGE_KEY = 'majlis.language';
export const THEME_KEY = 'majlis.theme';

export function tokenExpired(expiresAt, marginMs = 5000, now = Date.now()) {
  const t = Date.parse(expiresAt || '');
  return Number.isFinite(t) && t - now < marginMs;
}

/** A Storage (found by `storage()` at each use, as reading it may throw) whose failures read as nothing. */
class GuardedStorage {
  constructor(storage) {
    this.storage = storage;
  }

  get(key) {
    try {
      return this.storage().getItem(key);
    } catch {
      return null;
    }
  }

  set(key, value) {
    try {
      this.storage().setItem(key, value);
    } catch { /* storage full or disabled: it lasts for this page only */ }
  }

  remove(key) {
    try {
      this.storage().removeItem(key);
    } catch { /* ignore */ }
  }

  /** Removes every key that `matches`. */
  removeAll(matches) {
    try {
      const storage = this.storage();
      const keys = [];
      for (let i = 0; i < storage.length; i++) keys.push(storage.key(i));
      keys.filter((k) => k && matches(k)).forEach((k) => this.remove(k));
    } catch { /* ignore */ }
  }
}

/** The browser's session (shared by its tabs) to log back in with, and read marks. */
export class SessionStore extends GuardedStorage {
  constructor(storage = () => globalThis.localStorage) {
    super(storage);
  }

  /** The session saved by an earlier page or another tab, unless it has expired. */
  savedSession(now = Date.now()) {
    let saved = null;
    try {
      saved = JSON.parse(this.get(SESSION_KEY) || 'null');
    } catch { /* corrupt: ignore */ }
    if (!saved || typeof saved.token !== 'string' || !saved.token) return null;
    if (tokenExpired(saved.expiresAt, 5000, now)) {
      this.remove(SESSION_KEY);
      return null;
    }
    return saved;
  }

  saveSession(welcome) {
    if (typeof welcome.token !== 'string' || !welcome.token) return;
    this.set(SESSION_KEY, JSON.stringify({
      token: welcome.token,
      expiresAt: welcome.expiresAt || null,
      username: welcome.username,
      guest: welcome.guest !== false,
    }));
  }

  /** Removes the token and the read marks (preferences stay). */
  clear() {
    this.removeAll((k) => k === SESSION_KEY || k.startsWith(READ_KEY_PREFIX));
  }

  /** How far `me` has read each conversation, by its key (the server does not keep read marks yet). */
  readMarks(me) {
    if (!me) return {};
    try {
      const marks = JSON.parse(this.get(READ_KEY_PREFIX + fold(me)) || '{}');
      return marks && typeof marks === 'object' ? marks : {};
    } catch {
      return {};
    }
  }

  /** Keeps the read mark of a conversation; marks only move forward. */
  saveReadMark(me, conv) {
    if (!me) return;
    const marks = this.readMarks(me);
    if ((marks[conv.key] || 0) >= conv.readSeq) return;
    marks[conv.key] = conv.readSeq;
    this.set(READ_KEY_PREFIX + fold(me), JSON.stringify(marks));
  }
}

/** Preferences (language, theme): localStorage, they outlive the tab. */
export class Preferences extends GuardedStorage {
  constructor(storage = () => globalThis.localStorage) {
    super(storage);
  }
}
