// Automatic "away": after AWAY_AFTER_MS without the user touching the page, someone who chose
// "online" is set away (the `status` request); back to online at the first sign of activity. A
// status chosen by hand (away or busy) is left alone.

const AWAY_AFTER_MS = 10 * 60_000;
const ACTIVITY = ['pointerdown', 'pointermove', 'keydown', 'wheel', 'touchstart', 'focus'];

export class AutoAway {
  /**
   * @param {() => string} status the user's status now
   * @param {(status: string) => void} setStatus sets it (and tells the server)
   */
  constructor(status, setStatus, { afterMs = AWAY_AFTER_MS } = {}) {
    this.status = status;
    this.setStatus = setStatus;
    this.afterMs = afterMs;
    this.timer = null;
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
    this.restart();
  }

  /** The user chose a status by hand: it is theirs, not ours to undo. */
  chosen() {
    this.wentAway = false;
    this.restart();
  }

  restart() {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      if (this.status() !== 'online') return;
      this.wentAway = true;
      this.setStatus('away');
    }, this.afterMs);
  }
}
