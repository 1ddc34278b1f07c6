// Profiles of the people shown (display name, status text, avatar), fetched when first needed
// and kept by name: the welcome carries none, so the page's cost does not grow with the
// community. A `profile_changed` replaces a kept one at once; one kept longer than MAX_AGE_MS is
// fetched again when next shown (a change of someone whose presence this connection does not
// follow comes to it that way). Guests have no profile: the server's 404 is kept as "none".

import { fold } from './state.js';

const MAX_AGE_MS = 10 * 60 * 1000;
const RETRY_AFTER_FAILURE_MS = 30 * 1000;

export class ProfileCache {
  /**
   * @param {(name: string) => Promise<object>} fetchProfile rejects with a MajlisError (`not_found`: none)
   */
  constructor(fetchProfile, now = () => Date.now()) {
    this.fetchProfile = fetchProfile;
    /** Called with (profile or null, name) when what is known of a name changes; the views set it. */
    this.onChange = () => {};
    this.now = now;
    this.entries = new Map();   // folded name -> { profile (null: none), at, loading }
  }

  /** What is known of the name now (null: nothing, or no profile); fetches it when unknown or stale. */
  get(name) {
    if (name == null || name === '') return null;
    const key = fold(name);
    const entry = this.entries.get(key);
    if (!entry || (!entry.loading && this.now() - entry.at > (entry.failed ? RETRY_AFTER_FAILURE_MS : MAX_AGE_MS))) {
      this.load(name, key, entry);
    }
    return entry?.profile ?? null;
  }

  /** A `profile_changed` event. */
  apply(profile) {
    if (!profile || typeof profile.username !== 'string') return;
    this.entries.set(fold(profile.username), { profile, at: this.now(), loading: null });
    this.onChange(profile, profile.username);
  }

  /** Forgets everything (log out, another account). */
  clear() {
    this.entries.clear();
  }

  load(name, key, previous) {
    const entry = { profile: previous?.profile ?? null, at: this.now(), loading: null, failed: false };
    this.entries.set(key, entry);
    entry.loading = this.fetchProfile(name).then((profile) => {
      if (this.entries.get(key) !== entry) return; // a profile_changed came meanwhile: it is newer
      Object.assign(entry, { profile, at: this.now(), loading: null });
      this.onChange(profile, name);
    }, (error) => {
      if (this.entries.get(key) !== entry) return;
      const none = error?.code === 'not_found';
      Object.assign(entry, { profile: none ? null : entry.profile, at: this.now(), loading: null, failed: !none });
      if (none && previous?.profile) this.onChange(null, name);
    });
  }
}

/** The name to show for a user: the display name when there is one, else the username. */
export function shownName(profile, username) {
  return profile?.displayName || String(username ?? '');
}
