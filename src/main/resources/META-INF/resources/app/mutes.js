// Conversations the user muted: no count in the tab title or the sidebar, no desktop
// notification, no announcement. Remembered per user in localStorage (a preference, kept after
// log out), without any DOM.

import { fold } from './state.js';

export const MUTED_KEY_PREFIX = 'majlis.muted.';

export class Mutes {
  /** `preferences`: a Preferences (get / set) of app/session-store.js. */
  constructor(preferences) {
    this.preferences = preferences;
    this.me = null;
    this.keys = new Set();
  }

  /** The mutes of `me` (after each login). */
  load(me) {
    this.me = me;
    let keys = [];
    try {
      keys = JSON.parse(this.preferences.get(MUTED_KEY_PREFIX + fold(me)) || '[]');
    } catch { /* corrupt: none */ }
    this.keys = new Set(Array.isArray(keys) ? keys.filter((k) => typeof k === 'string') : []);
  }

  has(key) {
    return this.keys.has(key);
  }

  /** Mutes or unmutes the conversation `key`; returns whether it is muted now. */
  toggle(key) {
    if (this.keys.has(key)) this.keys.delete(key);
    else this.keys.add(key);
    if (this.me) this.preferences.set(MUTED_KEY_PREFIX + fold(this.me), JSON.stringify([...this.keys]));
    return this.keys.has(key);
  }
}
