// What the page keeps in the browser's storage, without any DOM.
//
// Session: the session token of the last `welcome` is kept in localStorage (never a cookie), so
// every tab of the browser, a new one or one after a restart, logs in with it; read marks are
// kept there too. Log out removes both (and other tabs follow, on the `storage` event).
// Preferences (language, theme, notifications) are not secrets: they are kept in localStorage
// and stay after log out. The tab's place, the conversation open and the unsent drafts, is kept in
// sessionStorage (this tab, a reload included) until log out.
// Storage may be disabled or full: every access is guarded, and the page then just forgets.

import { fold } from './state.js';

export const SESSION_KEY = 'majlis.session';
export const READ_KEY_PREFIX = 'majlis.read.';
export const LANGUAGE_KEY = 'majlis.language';
export const THEME_KEY = 'majlis.theme';
export const ACTIVE_AT_KEY = 'majlis.active-at'; // when a tab of the page was last used (automatic away)
export const OPEN_KEY = 'majlis.open';
export const DRAFTS_KEY_PREFIX = 'majlis.drafts.';

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

/** This tab's place, for a reload: the conversation open, and the drafts not sent (per user). */
export class TabStore extends GuardedStorage {
  constructor(storage = () => globalThis.sessionStorage) {
    super(storage);
  }

  /** `{ kind, name }` of the conversation `me` had open, or null. */
  openConversation(me) {
    const open = this.json(OPEN_KEY, null);
    return open && fold(open.me || '') === fold(me || '') && typeof open.name === 'string' ? open : null;
  }

  saveOpenConversation(me, conv) {
    this.set(OPEN_KEY, JSON.stringify({ me, kind: conv.kind, name: conv.name }));
  }

  /** `{ [key]: { kind, name, text } }`: the drafts of `me`. */
  drafts(me) {
    return me ? this.json(DRAFTS_KEY_PREFIX + fold(me), {}) : {};
  }

  saveDraft(me, conv, text) {
    if (!me) return;
    const drafts = this.drafts(me);
    if (text) drafts[conv.key] = { kind: conv.kind, name: conv.name, text };
    else delete drafts[conv.key];
    this.set(DRAFTS_KEY_PREFIX + fold(me), JSON.stringify(drafts));
  }

  clear() {
    this.removeAll((k) => k === OPEN_KEY || k.startsWith(DRAFTS_KEY_PREFIX));
  }

  json(key, fallback) {
    try {
      const value = JSON.parse(this.get(key) || 'null');
      return value && typeof value === 'object' ? value : fallback;
    } catch {
      return fallback;
    }
  }
}
