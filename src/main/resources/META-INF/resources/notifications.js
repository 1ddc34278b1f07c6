// Desktop notifications (the Notification API) for direct messages and mentions while the tab is
// hidden. Off until the user turns them on in the settings: the browser asks for permission
// only from a user gesture, and the choice is remembered in localStorage.

const STORAGE_KEY = 'majlis.notifications';

export class DesktopNotifier {
  constructor({ storage = globalThis.localStorage, NotificationImpl = globalThis.Notification } = {}) {
    this.storage = storage;
    this.Notification = NotificationImpl;
  }

  get supported() {
    return typeof this.Notification === 'function';
  }

  /** 'granted', 'denied', 'default', or 'unsupported'. */
  get permission() {
    return this.supported ? this.Notification.permission : 'unsupported';
  }

  /** The user turned them on and the browser allows them. */
  get enabled() {
    return this.permission === 'granted' && this.read() === 'on';
  }

  /** Call from a user gesture (a click or change event). Resolves with `enabled`. */
  async enable() {
    if (!this.supported) return false;
    if (this.Notification.permission === 'default') await this.Notification.requestPermission();
    this.write(this.Notification.permission === 'granted' ? 'on' : 'off');
    return this.enabled;
  }

  disable() {
    this.write('off');
  }

  /** Shows a notification if enabled; `onClick` runs when the user clicks it. */
  show(title, { body = '', tag, onClick } = {}) {
    if (!this.enabled) return null;
    const notification = new this.Notification(title, { body, tag, lang: document.documentElement.lang });
    notification.onclick = () => {
      window.focus();
      onClick?.();
      notification.close();
    };
    return notification;
  }

  read() {
    try {
      return this.storage?.getItem(STORAGE_KEY);
    } catch {
      return null;
    }
  }

  write(value) {
    try {
      this.storage?.setItem(STORAGE_KEY, value);
    } catch { /* storage disabled: the choice lasts for this page only */ }
  }
}

/**
 * True when `text` has `name`: "@name" or the name as a whole word, in any case (a mention the
 * server's `mentions` list does not count). Letters and digits of any script count as word
 * characters, so "sara" is not found in "sarah" or "أسارا".
 */
export function namedIn(text, name) {
  if (!text || !name) return false;
  const escaped = String(name).normalize('NFC').replace(/[.*+?^${}()|[\]\\-]/g, '\\$&');
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}\\p{M}_])@?${escaped}(?![\\p{L}\\p{N}\\p{M}_])`, 'iu');
  return pattern.test(String(text).normalize('NFC'));
}
