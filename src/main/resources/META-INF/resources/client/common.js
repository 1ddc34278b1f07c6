// Shared by the client's modules: its error type, the default URL, the reconnect delays, names.

export const DEFAULT_BACKOFF = { initialMs: 1000, maxMs: 30000, jitter: 0.25 };

export class MajlisError extends Error {
  constructor(code, message, payload = {}) {
    super(message || code);
    this.name = 'MajlisError';
    this.code = code;
    this.payload = payload;
  }
}

/** The WebSocket URL of the server that served the page: ws(s)://host/ws. */
export function defaultUrl(loc = globalThis.location) {
  if (!loc) throw new Error('no location: pass a URL to connect()');
  const url = new URL('/ws', loc.href);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.href;
}

/** Delay before reconnect attempt number `attempt` (0-based): 1 s, 2 s, 4 s ... 30 s, jittered. */
export function backoffDelay(attempt, { initialMs, maxMs, jitter } = DEFAULT_BACKOFF, random = Math.random) {
  const base = Math.min(maxMs, initialMs * 2 ** Math.min(attempt, 30));
  const spread = base * jitter;
  return Math.max(0, Math.min(maxMs, Math.round(base - spread + random() * 2 * spread)));
}

/**
 * The window a stopping server asks its clients to spread their reconnects over, from a 1012
 * close reason ("server restarting: reconnect within 10 s"), in ms; 0 when it names none.
 */
export function restartWindowMs(code, reason) {
  const match = code === 1012 && /within (\d+) s\b/.exec(reason || '');
  return match ? Number(match[1]) * 1000 : 0;
}

/** Whether a message (a `new_message` or `history` payload) mentions `username` (`@name` in its text). */
export function mentions(message, username) {
  return Array.isArray(message?.mentions) && message.mentions.some((name) => sameName(name, username));
}

/** Names (users and rooms) are compared case-insensitively, like the server does. */
export function sameName(a, b) {
  return a != null && b != null
    && String(a).normalize('NFC').toLowerCase() === String(b).normalize('NFC').toLowerCase();
}

