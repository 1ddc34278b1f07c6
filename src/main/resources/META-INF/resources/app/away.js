// Automatic "away": after AWAY_AFTER_MS without the user touching the page (in any of its tabs),
// someone who chose "online" is set away (the `status` request); back to online at the first
// sign of activity. A status chosen by hand (away or busy) is left alone.

const AWAY_AFTER_MS = 10 * 60_000;
const SHARE_EVERY_MS = 30_000; // how often a tab tells the others (localStorage) that it is used
const ACTIVITY = ['pointerdown', 'pointermove', 'keydown', 'wheel', 'touchstart', 'focus'];

export class AutoAway {
  /**
   * @param {() => string|null} status the user's status now (null: not signed in)
   * @param {(status: string) => void} setStatus sets it (and tells the server)
   * @param {{ get: () => string|null, set: (value: string) => void }} shared when any tab was last used
   */
  constructor(status, setStatus, shared, { afterMs = AWAY_AFTER_MS, shareEveryMs = SHARE_EVERY_MS } = {}) {
    this.status = status;
    this.setStatus = setStatus;
    this.shared = shared;
    this.afterMs = afterMs;
    this.shareEveryMs = shareEveryMs;
    this.timer = null;
    this.sharedAt = 0;
    this.wentAway = false; // set away by us, not by the user
  }

  /** Watches the page for activity from now on. */
  start(target = window) {
    for (const type of ACTIVITY) target.addEventListener(type, () => this.activity(), { passive: true, capture: true });
    this.restart();
  }

  activity() {
    if (this.wentAway && this.status() === 'away') this.setStatus('online');
    this.wentAway = false;
    const now = Date.now();
    if (now - this.sharedAt > this.shareEveryMs) {
      this.sharedAt = now;
      this.shared.set(String(now));
    }
    this.restart();
  }

  /** The user chose a status by hand: it is theirs, not ours to undo. */
  chosen() {
    this.wentAway = false;
    this.restart();
  }

  restart(delay = this.afterMs) {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.idle(), delay);
  }

  idle() {
    // Used in another tab meanwhile: not away, look again when that use is old enough.
    const otherTab = Number(this.shared.get()) || 0;
    const since = Date.now() - Math.max(otherTab, this.sharedAt);
    if (since < this.afterMs - this.shareEveryMs) {
      this.restart(this.afterMs - since);
      return;
    }
    if (this.status() !== 'online') return;
    this.wentAway = true;
    this.setStatus('away');
  }
}
