// The connection half of MajlisClient (see majlis-client.js): socket, reconnect with backoff,
// keepalive, login and re-login, frames, and requests answered by `ack`, a reply or an `error`.

import { DEFAULT_BACKOFF, MajlisError, backoffDelay, defaultUrl, restartWindowMs } from './common.js';

const REQUEST_TIMEOUT_MS = 15000;
// A connection that has received nothing (not even a pong) for this long is considered dead.
const KEEPALIVE_INTERVAL_MS = 25000;
const KEEPALIVE_DEAD_MS = 70000;

/** Error codes that answer a `login` frame (when the server sends no `ref`). */
const LOGIN_ERROR_CODES = new Set([
  'username_invalid', 'username_taken', 'guests_disabled', 'auth_failed',
  'already_logged_in', 'bad_request', 'invalid_payload', 'rate_limited', 'internal',
]);

/** Requests whose reply frame has another type than the request (the others: the same type, or an `ack`). */
const REPLY_TYPES = { presence_subscribe: 'presence' };

/** Close codes after which reconnecting would not help. */
const NO_RECONNECT_CLOSE_CODES = new Set([1008]);

export class MajlisConnection {
  /**
   * @param {object} [options]
   * @param {string} [options.url] WebSocket URL; default derived from `location`.
   * @param {typeof WebSocket} [options.WebSocket] implementation (default: global WebSocket).
   * @param {object} [options.backoff] { initialMs, maxMs, jitter }.
   * @param {boolean} [options.reconnect] reconnect automatically (default true).
   * @param {() => number} [options.random] where reconnect delays take their chance (default Math.random).
   */
  constructor(options = {}) {
    this.url = options.url || null;
    this.WebSocketImpl = options.WebSocket || globalThis.WebSocket;
    this.backoff = { ...DEFAULT_BACKOFF, ...(options.backoff || {}) };
    this.autoReconnect = options.reconnect !== false;
    this.random = options.random || Math.random;
    this.requestTimeoutMs = options.requestTimeoutMs || REQUEST_TIMEOUT_MS;

    this.state = 'closed';        // connecting | open | reconnecting | closed
    this.ws = null;
    this.user = null;             // username once logged in
    this.droppedWith = null;      // { code, reason } that ended the last logged-in connection (1012: restarting)
    this.session = null;          // last welcome payload
    this.credentials = null;      // what to log in with again after a reconnect

    this._handlers = new Map();   // type -> Set<fn>
    this._pending = new Map();    // id -> { replyType, confirms, resolve, reject }
    this._pendingLogin = null;    // { resolve, reject, id }
    this._nextId = 1;
    this._idPrefix = Math.random().toString(36).slice(2, 8);
    this._attempt = 0;
    this._reconnectTimer = null;
    this._keepaliveTimer = null;
    this._lastFrameAt = 0;
    this._wantOpen = false;       // false after close(): no reconnect
    this._connectWaiters = [];
  }

  // ---------------------------------------------------------------- events

  /** Subscribe to a frame type (`new_message`, `presence`, ...) or to `state`, `welcome`,
   *  `error` (errors that answer no pending request), `frame` (every frame), `reconnect`
   *  (`{ delayMs, attempt }`). Returns an unsubscribe function. */
  on(type, handler) {
    if (!this._handlers.has(type)) this._handlers.set(type, new Set());
    this._handlers.get(type).add(handler);
    return () => this.off(type, handler);
  }

  off(type, handler) {
    this._handlers.get(type)?.delete(handler);
  }

  _emit(type, ...args) {
    const set = this._handlers.get(type);
    if (!set) return;
    for (const handler of [...set]) {
      try {
        handler(...args);
      } catch (e) {
        console.error(`majlis: handler for "${type}" failed`, e);
      }
    }
  }

  _setState(state, info = {}) {
    if (this.state === state) return;
    this.state = state;
    this._emit('state', state, info);
  }

  get loggedIn() {
    return this.user !== null && this.state === 'open';
  }

  // ------------------------------------------------------------ connection

  /** Open the connection (resolves when the socket is open). Idempotent. */
  connect(url) {
    if (url) this.url = url;
    if (!this.url) this.url = defaultUrl();
    this._wantOpen = true;
    if (this.state === 'open') return Promise.resolve();
    const waiter = new Promise((resolve, reject) => this._connectWaiters.push({ resolve, reject }));
    if (this.state !== 'connecting') {
      clearTimeout(this._reconnectTimer);
      this._reconnectTimer = null;
      this._open();
    }
    return waiter;
  }

  _open() {
    // While reconnecting the state stays 'reconnecting' until the socket is open again.
    if (this.state !== 'reconnecting') this._setState('connecting');
    let ws;
    try {
      ws = new this.WebSocketImpl(this.url);
    } catch (e) {
      this._onClose(null, { code: 1006, reason: String(e && e.message || e) });
      return;
    }
    this.ws = ws;
    ws.onopen = () => {
      if (this.ws !== ws) return;
      this._lastFrameAt = Date.now();
      this._startKeepalive();
      this._setState('open');
      const waiters = this._connectWaiters.splice(0);
      waiters.forEach((w) => w.resolve());
      if (this.credentials) this._relogin();
    };
    ws.onmessage = (event) => {
      if (this.ws !== ws) return;
      this._onFrame(event.data);
    };
    ws.onerror = () => { /* a close event always follows */ };
    ws.onclose = (event) => this._onClose(ws, event);
  }

  _onClose(ws, event) {
    if (ws && this.ws !== ws) return;
    this.ws = null;
    this._stopKeepalive();
    const info = { code: event?.code ?? 1006, reason: event?.reason || '' };
    const wasLoggedIn = this.user !== null;
    this.user = null;
    // failed attempts to come back keep the reason the session ended (a restart stays a restart)
    if (wasLoggedIn) this.droppedWith = info;
    this._failPending(new MajlisError('disconnected', 'Connection closed', info));
    const waiters = this._connectWaiters.splice(0);
    const shouldReconnect = this._wantOpen && this.autoReconnect
      && (this.credentials !== null || wasLoggedIn)
      && !NO_RECONNECT_CLOSE_CODES.has(info.code);
    if (shouldReconnect) {
      waiters.forEach((w) => w.reject(new MajlisError('disconnected', 'Could not connect', info)));
      this._scheduleReconnect(info);
    } else {
      this._wantOpen = false;
      waiters.forEach((w) => w.reject(new MajlisError('disconnected', 'Could not connect', info)));
      this._setState('closed', info);
    }
  }

  _scheduleReconnect(info = {}) {
    clearTimeout(this._reconnectTimer);
    // A restarting server names a window: its clients spread over it rather than all come back at once.
    const windowMs = this._attempt === 0 ? restartWindowMs(info.code, info.reason) : 0;
    const delayMs = windowMs > 0 ? Math.round(this.random() * windowMs) : backoffDelay(this._attempt, this.backoff);
    const attempt = ++this._attempt;
    this.reconnectAt = Date.now() + delayMs;
    // Emit 'reconnect' before 'state' so state listeners can read reconnectAt.
    this._emit('reconnect', { delayMs, attempt, ...info });
    if (this.state === 'reconnecting') this._emit('state', 'reconnecting', { delayMs, attempt, ...info });
    else this._setState('reconnecting', { delayMs, attempt, ...info });
    this._reconnectTimer = setTimeout(() => {
      this._reconnectTimer = null;
      if (this._wantOpen) this._open();
    }, delayMs);
  }

  /** Skip the remaining backoff delay and try to reconnect now. */
  reconnectNow() {
    if (this.state !== 'reconnecting' || this.ws) return;
    clearTimeout(this._reconnectTimer);
    this._reconnectTimer = null;
    this._open();
  }

  /**
   * Log out: the server ends the session, so its tokens stop working on every node; the socket
   * closes for good and the session token is forgotten. (Offline, the token is only forgotten
   * here: the server learns nothing, and the token stays valid until it expires.)
   */
  logout() {
    if (this.user !== null) this.send('logout', {}, { id: this._newId() });
    this.close(1000, 'logout');
    this.session = null;
  }

  /** Close for good (no reconnect). */
  close(code = 1000, reason = 'bye') {
    this._wantOpen = false;
    this.credentials = null;
    clearTimeout(this._reconnectTimer);
    this._reconnectTimer = null;
    const ws = this.ws;
    if (ws) {
      try { ws.close(code, reason); } catch { /* already closing */ }
      this._onClose(ws, { code, reason });
    } else {
      this._setState('closed', { code, reason });
    }
  }

  _startKeepalive() {
    this._stopKeepalive();
    this._keepaliveTimer = setInterval(() => {
      if (!this.ws) return;
      if (Date.now() - this._lastFrameAt > KEEPALIVE_DEAD_MS) {
        // Half-open connection: drop it and let the reconnect logic take over.
        const ws = this.ws;
        try { ws.close(4000, 'keepalive timeout'); } catch { /* ignore */ }
        this._onClose(ws, { code: 1006, reason: 'keepalive timeout' });
        return;
      }
      this._sendRaw({ type: 'ping' });
    }, KEEPALIVE_INTERVAL_MS);
  }

  _stopKeepalive() {
    clearInterval(this._keepaliveTimer);
    this._keepaliveTimer = null;
  }

  // ----------------------------------------------------------------- login

  /**
   * Log in as a guest (`{ username }`) or with a token (`{ token }`); a plain string is a
   * guest name. Connects first if needed. Resolves with the `welcome` payload; rejects with a
   * MajlisError (`code` = `username_taken`, `username_invalid`, `disconnected`, ...).
   */
  async login(credentials) {
    if (typeof credentials === 'string') credentials = { username: credentials };
    await this.connect();
    const welcome = await this._login(credentials);
    this.credentials = { ...credentials };
    return welcome;
  }

  _login(credentials) {
    if (this._pendingLogin) {
      this._pendingLogin.reject(new MajlisError('superseded', 'Another login started'));
    }
    const id = this._newId('login');
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        if (this._pendingLogin?.id === id) this._pendingLogin = null;
        reject(new MajlisError('timeout', 'No answer to login'));
      }, this.requestTimeoutMs);
      this._pendingLogin = {
        id,
        resolve: (v) => { clearTimeout(timer); resolve(v); },
        reject: (e) => { clearTimeout(timer); reject(e); },
      };
      if (!this._sendRaw({ type: 'login', id, payload: credentials })) {
        this._pendingLogin = null;
        clearTimeout(timer);
        reject(new MajlisError('disconnected', 'Not connected'));
      }
    });
  }

  /** After a reconnect: log in again as the same user. */
  async _relogin() {
    const creds = this.credentials;
    const tries = [];
    if (this.session?.token && !this._tokenExpired(this.session)) tries.push({ token: this.session.token });
    if (creds) tries.push(creds);
    for (let i = 0; i < tries.length; i++) {
      const attempt = tries[i];
      try {
        await this._login(attempt);
        return;
      } catch (e) {
        if (e.code === 'disconnected' || e.code === 'superseded') return;
        // The session token was refused (expired, server restarted...): try the name.
        if (i < tries.length - 1 && e.code !== 'rate_limited') continue;
        if (e.code === 'username_taken' || e.code === 'rate_limited' || e.code === 'timeout' || e.code === 'internal') {
          // The server may still hold our previous connection: try again a bit later.
          const ws = this.ws;
          if (ws) {
            try { ws.close(4001, 'relogin retry'); } catch { /* ignore */ }
            this._onClose(ws, { code: 4001, reason: e.code });
          }
          return;
        }
        // Not recoverable (name now invalid, guests disabled...): give up.
        this._emit('login_failed', e);
        this.close(1000, 'login failed');
        return;
      }
    }
  }

  _tokenExpired(session) {
    if (!session.expiresAt) return false;
    const t = Date.parse(session.expiresAt);
    return Number.isFinite(t) && t - Date.now() < 5000;
  }

  // -------------------------------------------------------------- sending

  _newId(prefix = 'c') {
    return `${prefix}-${this._idPrefix}-${this._nextId++}`;
  }

  _sendRaw(frame) {
    const ws = this.ws;
    if (!ws || ws.readyState !== 1 /* OPEN */) return false;
    ws.send(JSON.stringify(frame));
    return true;
  }

  /** Fire and forget. Returns the frame id, or null when not connected. */
  send(type, payload = {}, { id } = {}) {
    const frame = { type, payload };
    if (id) frame.id = id;
    return this._sendRaw(frame) ? (id || '') : null;
  }

  /**
   * Send a frame with an `id` and wait for the one answer carrying it back as `ref`: the `ack`
   * (most requests), its reply frame (`history`, `users`, `rooms` of the same type; `presence`
   * for `presence_subscribe`) or an `error` (rejects with a MajlisError). `id` reuses a frame id
   * (a resend). A reply is emitted as an event too, like any frame.
   */
  request(type, payload = {}, { timeoutMs = this.requestTimeoutMs, id = this._newId() } = {}) {
    return this._sendAwaiting(type, payload, null, { timeoutMs, id });
  }

  /**
   * As `request`, for a request whose `ack` says only that it was done (`create_room`,
   * `join_room`): resolves with the payload of the event it caused, the first frame for which
   * `confirms(frameType, payload)` is true, once both that event and the `ack` arrived (in
   * either order: on a cluster the event may come later). Rejects with the `error` that carries
   * the frame's id back, or `timeout`.
   */
  command(type, payload, confirms, { timeoutMs = this.requestTimeoutMs, id = this._newId() } = {}) {
    return this._sendAwaiting(type, payload, confirms, { timeoutMs, id });
  }

  _sendAwaiting(type, payload, confirms, { timeoutMs, id }) {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this._pending.delete(id);
        reject(new MajlisError('timeout', `No answer to ${type}`));
      }, timeoutMs);
      this._pending.set(id, {
        replyType: REPLY_TYPES[type] || type,
        confirms,
        resolve: (v) => { clearTimeout(timer); resolve(v); },
        reject: (e) => { clearTimeout(timer); reject(e); },
      });
      if (!this._sendRaw({ type, id, payload })) {
        this._pending.delete(id);
        clearTimeout(timer);
        reject(new MajlisError('disconnected', 'Not connected'));
      }
    });
  }

  /** A fresh frame id, for callers that want to know it before sending (to resend it). */
  newId(prefix = 'c') {
    return this._newId(prefix);
  }

  _failPending(error) {
    const pending = [...this._pending.values()];
    this._pending.clear();
    pending.forEach((p) => p.reject(error));
    if (this._pendingLogin) {
      const login = this._pendingLogin;
      this._pendingLogin = null;
      login.reject(error);
    }
  }

  // ------------------------------------------------------------- receiving

  _onFrame(data) {
    this._lastFrameAt = Date.now();
    let frame;
    try {
      frame = JSON.parse(data);
    } catch {
      console.warn('majlis: ignoring a frame that is not JSON');
      return;
    }
    if (!frame || typeof frame !== 'object' || typeof frame.type !== 'string') return;
    const payload = frame.payload && typeof frame.payload === 'object' ? frame.payload : {};
    this._emit('frame', frame);

    switch (frame.type) {
      case 'ping':
        this._sendRaw({ type: 'pong' });
        return;
      case 'pong':
        return;
      case 'welcome': {
        this.user = payload.username || this.credentials?.username || null;
        this.session = payload;
        this._attempt = 0;
        const login = this._pendingLogin;
        this._pendingLogin = null;
        this._emit('welcome', payload, frame);
        login?.resolve(payload);
        return;
      }
      case 'ack': {
        const pending = this._pending.get(payload.ref);
        if (pending && pending.confirms && !('event' in pending)) {
          pending.acked = true; // its event is still to come
        } else if (pending) {
          this._pending.delete(payload.ref);
          pending.resolve(pending.confirms ? pending.event : payload);
        }
        this._emit('ack', payload, frame);
        return;
      }
      case 'error': {
        const error = new MajlisError(payload.code || 'internal', payload.message || payload.code, payload);
        if (payload.ref && this._pendingLogin?.id === payload.ref) {
          const login = this._pendingLogin;
          this._pendingLogin = null;
          login.reject(error);
          return;
        }
        const pending = this._take(payload.ref);
        if (pending) {
          pending.reject(error);
          return;
        }
        if (!payload.ref && this._pendingLogin && LOGIN_ERROR_CODES.has(error.code)) {
          const login = this._pendingLogin;
          this._pendingLogin = null;
          login.reject(error);
          return;
        }
        this._emit('error', error, frame);
        return;
      }
      default: {
        // Reply frames (history, users, rooms, presence) carry the request id as payload.ref.
        if (payload.ref) {
          const pending = this._pending.get(payload.ref);
          if (pending && pending.replyType === frame.type) {
            this._pending.delete(payload.ref);
            pending.resolve(payload);
          }
        }
        this._emit(frame.type, payload, frame);
        this._confirmCommands(frame.type, payload);
      }
    }
  }

  /**
   * Keeps the event that shows a pending command's effect; resolves the command when its `ack`
   * is in too (after the listeners ran).
   */
  _confirmCommands(type, payload) {
    for (const [id, pending] of this._pending) {
      if (!pending.confirms || 'event' in pending || !pending.confirms(type, payload)) continue;
      pending.event = payload;
      if (pending.acked) {
        this._pending.delete(id);
        pending.resolve(payload);
      }
    }
  }

  _take(ref) {
    if (!ref) return null;
    const pending = this._pending.get(ref);
    if (pending) this._pending.delete(ref);
    return pending || null;
  }
}

