// The Majlis web page: login screen (guest name, or an account: sign in / register), then the
// chat (rooms, direct conversations, online list, history, unread counts).
//
// Rule for everything below: user-supplied text (names, messages) reaches the DOM only through
// textContent / createTextNode / attribute setters, never through innerHTML.
//
// Session: the session token of the last `welcome` is kept in sessionStorage (this tab only,
// gone when the tab closes; never a cookie, never localStorage), so a reload logs back in with
// it. Log out removes it and closes the socket.

import { MajlisClient, loginAccount, registerAccount } from './majlis-client.js';
import { t, errorText } from './i18n.js';

const STATUSES = ['online', 'away', 'busy'];
const GENERAL = 'general';
const HISTORY_PAGE = 50;
const SESSION_KEY = 'majlis.session';
const READ_KEY_PREFIX = 'majlis.read.';
const MIN_PASSWORD = 8;

const $ = (id) => document.getElementById(id);

const el = {
  banner: $('banner'),
  bannerText: $('banner-text'),
  bannerAction: $('banner-action'),
  loginView: $('login-view'),
  loginForm: $('login-form'),
  loginName: $('login-name'),
  loginError: $('login-error'),
  loginSubmit: $('login-submit'),
  loginStatus: $('login-status'),
  accountForm: $('account-form'),
  accountUsername: $('account-username'),
  accountPassword: $('account-password'),
  accountError: $('account-error'),
  accountSignin: $('account-signin'),
  accountRegister: $('account-register'),
  logout: $('logout'),
  meKind: $('me-kind'),
  historyStatus: $('history-status'),
  chatView: $('chat-view'),
  sidebar: $('sidebar'),
  scrim: $('sidebar-scrim'),
  menuToggle: $('menu-toggle'),
  menuUnread: $('menu-unread'),
  meName: $('me-name'),
  meDot: $('me-dot'),
  statusSelect: $('status-select'),
  roomList: $('room-list'),
  directList: $('direct-list'),
  noDirects: $('no-directs'),
  userList: $('user-list'),
  onlineCount: $('online-count'),
  nobodyOnline: $('nobody-online'),
  title: $('conversation-title'),
  subtitle: $('conversation-subtitle'),
  scroller: $('message-scroller'),
  messageList: $('message-list'),
  empty: $('empty-conversation'),
  notice: $('notice'),
  composerForm: $('composer-form'),
  composer: $('composer'),
  send: $('send'),
  composerError: $('composer-error'),
};


// ------------------------------------------------------------------ state

/** Case-insensitive identity of a name (the server folds case when comparing names). */
const fold = (name) => String(name ?? '').normalize('NFC').toLowerCase();
const sameName = (a, b) => a != null && b != null && fold(a) === fold(b);

const state = {
  view: 'login',
  me: null,
  guest: true,
  myStatus: 'online',
  users: new Map(),          // fold(name) -> { username, status }  (everyone online but me)
  conversations: new Map(),  // key -> Conversation
  activeKey: null,
  historySupported: true,
  readSupported: true,
};

const client = new MajlisClient();
// Exposed for debugging from the browser console and for tests.
window.majlis = { client, state };

class Conversation {
  constructor(kind, name) {
    this.kind = kind;                 // 'room' | 'direct'
    this.name = name;                 // room name or partner's username
    this.key = conversationKey(kind, name);
    this.messages = [];               // sorted by seq
    this.ids = new Set();
    this.lastSeq = 0;                 // highest seq seen
    this.serverLastSeq = 0;           // lastSeq announced by the last welcome
    this.readSeq = 0;                 // highest seq the user has seen here
    this.unread = 0;
    this.historyLoaded = false;
    this.loadingNewest = null;        // promise while the newest page is on its way
    this.loadingOlder = false;
    this.hasMoreBefore = false;
    this.historyFailed = false;
    this.pending = new Map();         // client frame id -> { id, text, status, error }
    this.draft = '';
  }

  get target() {
    return this.kind === 'room' ? { room: this.name } : { to: this.name };
  }

  get oldestSeq() {
    for (const m of this.messages) {
      const seq = Number(m.seq);
      if (seq > 0) return seq;
    }
    return 0;
  }
}

function conversationKey(kind, name) {
  return kind === 'room' ? `room:${fold(name)}` : `dm:${fold(name)}`;
}

function ensureConversation(kind, name) {
  const key = conversationKey(kind, name);
  let conv = state.conversations.get(key);
  if (!conv) {
    conv = new Conversation(kind, name);
    conv.readSeq = readMarks()[key] || 0;
    state.conversations.set(key, conv);
  }
  return conv;
}

function activeConversation() {
  return state.conversations.get(state.activeKey) || null;
}

/** The conversation a `new_message` payload belongs to. */
function conversationOfMessage(msg) {
  if (msg.room) return ensureConversation('room', msg.room);
  if (msg.to) {
    const partner = sameName(msg.from, state.me) ? msg.to : msg.from;
    return ensureConversation('direct', partner);
  }
  return ensureConversation('room', GENERAL);
}

// --------------------------------------------------------- session storage

function storageGet(key) {
  try {
    return window.sessionStorage.getItem(key);
  } catch {
    return null;
  }
}

function storageSet(key, value) {
  try {
    window.sessionStorage.setItem(key, value);
  } catch { /* storage full or disabled: the session just does not survive a reload */ }
}

function storageRemove(key) {
  try {
    window.sessionStorage.removeItem(key);
  } catch { /* ignore */ }
}

function tokenExpired(expiresAt, marginMs = 5000) {
  const t = Date.parse(expiresAt || '');
  return Number.isFinite(t) && t - Date.now() < marginMs;
}

/** The session saved by an earlier page in this tab, unless it has expired. */
function savedSession() {
  let saved = null;
  try {
    saved = JSON.parse(storageGet(SESSION_KEY) || 'null');
  } catch { /* corrupt: ignore */ }
  if (!saved || typeof saved.token !== 'string' || !saved.token) return null;
  if (tokenExpired(saved.expiresAt)) {
    storageRemove(SESSION_KEY);
    return null;
  }
  return saved;
}

function saveSession(welcome) {
  if (typeof welcome.token !== 'string' || !welcome.token) return;
  storageSet(SESSION_KEY, JSON.stringify({
    token: welcome.token,
    expiresAt: welcome.expiresAt || null,
    username: welcome.username,
    guest: welcome.guest !== false,
  }));
}

/** Removes the token and everything else this page kept in the tab's storage. */
function clearSession() {
  try {
    const keys = [];
    for (let i = 0; i < window.sessionStorage.length; i++) keys.push(window.sessionStorage.key(i));
    keys.filter((k) => k && k.startsWith('majlis.')).forEach(storageRemove);
  } catch { /* ignore */ }
}

/** How far the user has read each conversation (the server does not keep read marks yet). */
function readMarks() {
  if (!state.me) return {};
  try {
    const marks = JSON.parse(storageGet(READ_KEY_PREFIX + fold(state.me)) || '{}');
    return marks && typeof marks === 'object' ? marks : {};
  } catch {
    return {};
  }
}

function saveReadMark(conv) {
  if (!state.me) return;
  const marks = readMarks();
  if ((marks[conv.key] || 0) >= conv.readSeq) return;
  marks[conv.key] = conv.readSeq;
  storageSet(READ_KEY_PREFIX + fold(state.me), JSON.stringify(marks));
}

// ------------------------------------------------------------ static text

function applyStaticText() {
  for (const node of document.querySelectorAll('[data-i18n]')) node.textContent = t(node.dataset.i18n);
  for (const node of document.querySelectorAll('[data-i18n-placeholder]')) {
    node.placeholder = t(node.dataset.i18nPlaceholder);
  }
  document.title = t('app.title');
}

// ------------------------------------------------------------------ login

function showLoginError(text) {
  el.loginError.textContent = text;
  el.loginError.hidden = !text;
  el.loginName.setAttribute('aria-invalid', text ? 'true' : 'false');
}

function showAccountError(text, field = null) {
  el.accountError.textContent = text;
  el.accountError.hidden = !text;
  el.accountUsername.setAttribute('aria-invalid', text && field !== 'password' ? 'true' : 'false');
  el.accountPassword.setAttribute('aria-invalid', text && field !== 'username' ? 'true' : 'false');
}

function showLoginStatus(text) {
  el.loginStatus.textContent = text;
  el.loginStatus.hidden = !text;
}

let loginBusy = false;

/** Disables both login forms while a login is on its way. */
function setLoginBusy(busy, button = null) {
  loginBusy = busy;
  for (const b of [el.loginSubmit, el.accountSignin, el.accountRegister]) b.disabled = busy;
  if (busy && button) button.textContent = t(button === el.loginSubmit ? 'login.connecting' : 'account.working');
  if (!busy) {
    el.loginSubmit.textContent = t('login.submit');
    el.accountSignin.textContent = t('account.signin');
    el.accountRegister.textContent = t('account.register');
  }
}

async function onLoginSubmit(event) {
  event.preventDefault();
  if (loginBusy) return;
  const username = el.loginName.value.trim().normalize('NFC');
  if (!username) {
    showLoginError(t('error.empty_name'));
    el.loginName.focus();
    return;
  }
  setLoginBusy(true, el.loginSubmit);
  showLoginError('');
  showAccountError('');
  try {
    await client.login({ username });
    // The 'welcome' handler switches to the chat view.
  } catch (e) {
    showLoginError(errorText(e.code || 'disconnected'));
    el.loginName.focus();
    el.loginName.select();
  } finally {
    setLoginBusy(false);
  }
}

/** Text for a failed sign-in or registration, and the field it is about. */
function accountErrorText(e) {
  switch (e.code) {
    case 'auth_failed': return [t('account.wrong_password'), null];
    case 'username_taken': return [t('account.name_taken'), 'username'];
    case 'username_invalid': return [t('account.name_invalid'), 'username'];
    case 'invalid_payload': return [t('account.short_password'), 'password'];
    case 'rate_limited': {
      const seconds = Math.max(1, Math.ceil((Number(e.payload?.retryAfterMs) || 1000) / 1000));
      return [t('account.too_many', { seconds }), null];
    }
    case 'disconnected': case 'timeout': return [errorText(e.code), null];
    default:
      return [e.payload?.status ? t('account.server_error', { status: e.payload.status }) : errorText(e.code), null];
  }
}

/** Sign in (or, with `register`, create the account first), then log in with the token. */
async function onAccountSubmit(register) {
  if (loginBusy) return;
  const username = el.accountUsername.value.trim().normalize('NFC');
  const password = el.accountPassword.value;
  showLoginError('');
  if (!username || !password) {
    showAccountError(t('account.empty'), !username ? 'username' : 'password');
    (!username ? el.accountUsername : el.accountPassword).focus();
    return;
  }
  if (register && [...password].length < MIN_PASSWORD) {
    showAccountError(t('account.short_password'), 'password');
    el.accountPassword.focus();
    return;
  }
  setLoginBusy(true, register ? el.accountRegister : el.accountSignin);
  showAccountError('');
  try {
    if (register) await registerAccount(username, password);
    const issued = await loginAccount(username, password);
    await client.login({ token: issued.token });
    el.accountPassword.value = '';
  } catch (e) {
    const [text, field] = accountErrorText(e);
    showAccountError(text, field);
    if (field === 'username') el.accountUsername.focus();
    else el.accountPassword.focus();
  } finally {
    setLoginBusy(false);
  }
}

/** A reload: log back in with the token this tab kept. */
async function restoreSession(saved) {
  setLoginBusy(true);
  showLoginStatus(t('login.restoring'));
  try {
    await client.login({ token: saved.token });
  } catch (e) {
    if (e.code === 'auth_failed') clearSession();
    const text = errorText(e.code === 'auth_failed' ? 'session_expired' : e.code || 'disconnected');
    if (saved.guest) {
      el.loginName.value = saved.username || '';
      showLoginError(text);
    } else {
      el.accountUsername.value = saved.username || '';
      showAccountError(text, null);
    }
  } finally {
    showLoginStatus('');
    setLoginBusy(false);
  }
}

function showView(view) {
  state.view = view;
  el.loginView.hidden = view !== 'login';
  el.chatView.hidden = view !== 'chat';
  updateBanner();
}

function backToLogin(errorCode) {
  const wasGuest = state.guest;
  const name = state.me;
  state.me = null;
  state.users.clear();
  state.conversations.clear();
  state.activeKey = null;
  el.messageList.replaceChildren();
  el.historyStatus.hidden = true;
  showComposerError('');
  showNotice('');
  showView('login');
  showLoginStatus('');
  if (errorCode) {
    if (wasGuest) {
      if (name) el.loginName.value = name;
      showLoginError(errorText(errorCode));
    } else {
      if (name) el.accountUsername.value = name;
      showAccountError(errorText(errorCode));
    }
  }
  (wasGuest ? el.loginName : el.accountUsername).focus();
}

function logOut() {
  client.logout();
  clearSession();
  backToLogin();
  el.accountPassword.value = '';
}

// ---------------------------------------------------------------- welcome

/** Unread count for a conversation from the server's count, capped by what this tab has read. */
function unreadFromServer(conv, unread, lastSeq) {
  const count = Math.max(0, Number(unread) || 0);
  if (conv.readSeq > 0) return Math.min(count, Math.max(0, lastSeq - conv.readSeq));
  return count;
}

function onWelcome(payload) {
  const firstLogin = state.view !== 'chat' || !sameName(state.me, payload.username);
  if (firstLogin && state.me && !sameName(state.me, payload.username)) {
    state.conversations.clear();
    state.activeKey = null;
  }
  state.me = payload.username;
  state.guest = payload.guest !== false;
  saveSession(payload);
  el.meName.textContent = state.me;
  el.meKind.textContent = t(state.guest ? 'account.guest' : 'account.member');

  state.users.clear();
  for (const u of Array.isArray(payload.users) ? payload.users : []) applyPresence(u);

  // Where each known conversation stood before this login: gaps are fetched from there.
  const seenBefore = new Map([...state.conversations.values()].map((c) => [c.key, c.lastSeq]));

  const general = ensureConversation('room', GENERAL);
  const listed = [];
  for (const r of Array.isArray(payload.rooms) ? payload.rooms : []) {
    if (r && typeof r.room === 'string') listed.push([ensureConversation('room', r.room), r]);
  }
  for (const d of Array.isArray(payload.directs) ? payload.directs : []) {
    if (d && typeof d.to === 'string') listed.push([ensureConversation('direct', d.to), d]);
  }
  for (const [conv, info] of listed) {
    conv.serverLastSeq = Number(info.lastSeq) || 0;
    const unread = unreadFromServer(conv, info.unread, conv.serverLastSeq);
    if (firstLogin || !conv.historyLoaded) conv.unread = conv.key === state.activeKey && !firstLogin ? 0 : unread;
  }

  if (firstLogin) {
    state.myStatus = 'online';
    el.statusSelect.value = 'online';
    showView('chat');
    openConversation(state.activeKey && state.conversations.has(state.activeKey)
      ? state.activeKey : general.key);
  } else {
    // Reconnected: restore our status and fetch what we missed while away.
    if (state.myStatus !== 'online') client.setStatus(state.myStatus);
    for (const conv of state.conversations.values()) catchUp(conv, seenBefore.get(conv.key) ?? conv.lastSeq);
  }
  renderSidebar();
  renderHeader();
  updateBanner();
}

// ---------------------------------------------------------------- history

function historyUnsupported(error) {
  if (error && error.code === 'unknown_type') {
    state.historySupported = false;
    return true;
  }
  return false;
}

/** The newest page of a conversation, once (the first time it is opened). */
function loadNewest(conv) {
  if (!state.historySupported || conv.historyLoaded) return Promise.resolve();
  if (conv.loadingNewest) return conv.loadingNewest;
  conv.historyFailed = false;
  conv.loadingNewest = (async () => {
    try {
      const page = await client.history(conv.target, { limit: HISTORY_PAGE });
      if (state.conversations.get(conv.key) !== conv) return;
      conv.historyLoaded = true;
      conv.hasMoreBefore = Boolean(page.hasMore);
      addMessages(conv, page.messages, { mode: 'newest' });
      renderHistoryStatus();
      fillViewport(conv);
    } catch (e) {
      if (!historyUnsupported(e)) {
        conv.historyFailed = e.code !== 'disconnected';
        console.info('majlis: history not loaded', conv.key, e.code);
      }
      renderHistoryStatus();
    } finally {
      conv.loadingNewest = null;
    }
  })();
  return conv.loadingNewest;
}

/** The page before the oldest message shown, keeping what the user looks at in place. */
async function loadOlder(conv) {
  if (!conv || !conv.historyLoaded || !conv.hasMoreBefore || conv.loadingOlder || !client.loggedIn) return;
  const before = conv.oldestSeq;
  if (!before) return;
  conv.loadingOlder = true;
  renderHistoryStatus();
  try {
    const page = await client.history(conv.target, { before, limit: HISTORY_PAGE });
    if (state.conversations.get(conv.key) !== conv) return;
    conv.hasMoreBefore = Boolean(page.hasMore);
    const active = conv.key === state.activeKey;
    const oldHeight = el.scroller.scrollHeight;
    const oldTop = el.scroller.scrollTop;
    addMessages(conv, page.messages, { mode: 'older' });
    if (active) el.scroller.scrollTop = oldTop + (el.scroller.scrollHeight - oldHeight);
  } catch (e) {
    historyUnsupported(e);
  } finally {
    conv.loadingOlder = false;
    renderHistoryStatus();
  }
  fillViewport(conv);
}

/** While the messages do not fill the pane there is nothing to scroll: load more at once. */
function fillViewport(conv) {
  if (conv.key !== state.activeKey || !conv.hasMoreBefore || conv.loadingOlder) return;
  if (el.scroller.scrollHeight <= el.scroller.clientHeight + 40) loadOlder(conv);
}

/** After a reconnect: everything after `from` (the last seq seen before), page by page. */
async function catchUp(conv, from) {
  if (!state.historySupported) return;
  if (!conv.historyLoaded) {
    if (conv.key === state.activeKey) await loadNewest(conv);
    return;
  }
  let cursor = from;
  for (let guard = 0; guard < 50; guard++) {
    if (conv.serverLastSeq && conv.serverLastSeq <= cursor) return;
    try {
      const page = await client.history(conv.target, { after: cursor, limit: 200 });
      const messages = Array.isArray(page.messages) ? page.messages : [];
      addMessages(conv, messages, { mode: 'gap' });
      const highest = messages.reduce((max, m) => Math.max(max, Number(m.seq) || 0), cursor);
      if (!page.hasMore || highest <= cursor) return;
      cursor = highest;
    } catch (e) {
      historyUnsupported(e);
      return;
    }
  }
}

function renderHistoryStatus() {
  const conv = activeConversation();
  let text = '';
  if (conv) {
    if (conv.loadingOlder || (conv.loadingNewest && conv.messages.length > 0)) text = t('chat.history_loading');
    else if (conv.historyFailed) text = t('chat.history_failed');
    else if (conv.historyLoaded && !conv.hasMoreBefore && conv.messages.length > 0) text = t('chat.history_start');
  }
  el.historyStatus.textContent = text;
  el.historyStatus.hidden = !text;
  el.historyStatus.dataset.state = conv?.loadingOlder ? 'loading'
    : conv?.hasMoreBefore ? 'more' : conv?.historyLoaded ? 'start' : 'none';
}

// --------------------------------------------------------------- messages

function messageId(msg) {
  return msg.id != null ? String(msg.id) : `${msg.from}|${msg.seq}|${msg.timestamp || msg.sent}`;
}

/**
 * Adds messages to a conversation, each at most once (by `id`), and re-renders it when open.
 * `mode`: 'live' (a new_message), 'newest' (first history page), 'older' (a page before),
 * 'gap' (caught up after a reconnect).
 */
function addMessages(conv, messages, { mode = 'live' } = {}) {
  if (!Array.isArray(messages) || messages.length === 0) return;
  let appendedInOrder = true;
  const fresh = [];
  for (const msg of messages) {
    if (!msg || typeof msg !== 'object') continue;
    const id = messageId(msg);
    if (conv.ids.has(id)) continue;
    conv.ids.add(id);
    const seq = Number(msg.seq) || 0;
    const last = conv.messages[conv.messages.length - 1];
    if (last && seq && (Number(last.seq) || 0) > seq) appendedInOrder = false;
    conv.messages.push(msg);
    fresh.push(msg);
    if (seq > conv.lastSeq) conv.lastSeq = seq;
    const mine = sameName(msg.from, state.me);
    if (mine && (mode === 'live' || mode === 'gap')) adoptPending(conv, msg, { uncertain: mode === 'gap' });
    if ((mode === 'live' || mode === 'gap') && !mine && !isReading(conv) && seq > conv.readSeq) conv.unread += 1;
  }
  if (fresh.length === 0) return;
  if (!appendedInOrder) conv.messages.sort((a, b) => (Number(a.seq) || 0) - (Number(b.seq) || 0));

  if (conv.key === state.activeKey) {
    const stick = mode === 'newest' || isNearBottom() || (mode === 'live' && fresh.some((m) => sameName(m.from, state.me)));
    if (appendedInOrder && (mode === 'live' || mode === 'gap')) {
      const beforeNode = el.messageList.querySelector('.message.pending');
      fresh.forEach((m) => el.messageList.insertBefore(renderMessage(m), beforeNode));
    } else {
      renderMessages(conv);
    }
    el.empty.hidden = conv.messages.length + conv.pending.size > 0;
    if (stick && mode !== 'older') scrollToBottom();
    if (isReading(conv)) markRead(conv);
  }
  renderSidebar();
}

function onNewMessage(msg) {
  if (!msg || typeof msg !== 'object') return;
  const conv = conversationOfMessage(msg);
  addMessages(conv, [msg]);
}

/** The user is looking at this conversation right now. */
function isReading(conv) {
  return conv.key === state.activeKey && state.view === 'chat' && document.visibilityState !== 'hidden';
}

const optionalFrames = new Map(); // frame id -> type, for frames a server may not know yet
let optionalId = 0;

function sendOptional(type, payload) {
  if (type === 'read' && !state.readSupported) return;
  const id = `o-${++optionalId}`;
  if (client.send(type, payload, { id }) === null) return;
  optionalFrames.set(id, type);
  if (optionalFrames.size > 200) optionalFrames.delete(optionalFrames.keys().next().value);
}

function markRead(conv) {
  conv.unread = 0;
  if (conv.lastSeq > conv.readSeq) {
    conv.readSeq = conv.lastSeq;
    saveReadMark(conv);
    if (client.loggedIn) sendOptional('read', { ...conv.target, seq: conv.lastSeq });
  }
}

function formatTime(msg) {
  if (msg.timestamp) {
    const d = new Date(msg.timestamp);
    if (!Number.isNaN(d.getTime())) {
      return { text: d.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' }), iso: d.toISOString(), full: d.toLocaleString() };
    }
  }
  const sent = typeof msg.sent === 'string' ? msg.sent : '';
  return { text: sent.slice(0, 5), iso: '', full: sent };
}

/** The bubble shared by sent and pending messages: sender, time or state, text. */
function messageShell(from, mine, text) {
  const li = document.createElement('li');
  li.className = mine ? 'message mine' : 'message';
  li.dir = 'auto';
  li.dataset.testid = 'message';
  li.dataset.from = String(from ?? '');

  const meta = document.createElement('div');
  meta.className = 'message-meta';
  const fromNode = document.createElement('bdi');
  fromNode.className = 'message-from';
  fromNode.dataset.testid = 'message-from';
  fromNode.textContent = String(from ?? '');
  meta.append(fromNode);

  const body = document.createElement('div');
  body.className = 'message-text';
  body.dir = 'auto';
  body.dataset.testid = 'message-text';
  body.textContent = String(text ?? '');
  li.append(meta, body);
  return { li, meta, body };
}

function renderMessage(msg) {
  const mine = sameName(msg.from, state.me);
  const { li, meta, body } = messageShell(msg.from, mine, msg.deleted ? '—' : msg.message);
  li.dataset.messageId = messageId(msg);
  if (msg.seq != null) li.dataset.seq = String(msg.seq);
  if (msg.deleted) body.classList.add('deleted');

  const time = document.createElement('time');
  time.className = 'message-time';
  time.dataset.testid = 'message-time';
  const when = formatTime(msg);
  time.textContent = when.text;
  if (when.iso) time.dateTime = when.iso;
  if (when.full) time.title = when.full;
  meta.append(time);

  const attachments = Array.isArray(msg.attachments) ? msg.attachments : [];
  const links = attachments.filter((a) => a && typeof a.url === 'string' && /^\/(?!\/)/.test(a.url));
  if (links.length) {
    const list = document.createElement('ul');
    list.className = 'attachments';
    for (const a of links) {
      const item = document.createElement('li');
      const link = document.createElement('a');
      link.href = a.url;
      link.rel = 'noopener';
      link.target = '_blank';
      link.dir = 'auto';
      link.textContent = String(a.name || 'file');
      item.append(link);
      list.append(item);
    }
    li.append(list);
  }
  return li;
}

/** A message of ours that has no ack yet ('sending') or was refused ('failed'). */
function renderPending(pending) {
  const { li, meta, body } = messageShell(state.me, true, pending.text);
  li.classList.add('pending');
  li.dataset.status = pending.status;
  li.dataset.clientId = pending.id;
  body.dataset.clientId = pending.id;
  const status = document.createElement('span');
  status.className = 'message-state';
  status.dataset.testid = 'message-state';
  meta.append(status);
  if (pending.status === 'sending') {
    status.textContent = t('chat.sending');
    return li;
  }
  li.classList.add('failed');
  status.textContent = '!';
  status.setAttribute('aria-hidden', 'true');
  const row = document.createElement('div');
  row.className = 'message-failure';
  const reason = document.createElement('span');
  reason.className = 'message-error';
  reason.dataset.testid = 'message-error';
  reason.setAttribute('role', 'alert');
  reason.textContent = t('chat.not_sent', { reason: sendErrorText(pending.error) });
  const retry = failureAction('retry', pending.id);
  const discard = failureAction('discard', pending.id);
  row.append(reason, retry, discard);
  li.append(row);
  return li;
}

/** A link-styled button acting on a failed message (retry or discard), found by its data attributes. */
function failureAction(action, clientId) {
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'link-button';
  button.dataset.testid = action;
  button.dataset.action = action;
  button.dataset.clientId = clientId;
  button.textContent = t(`chat.${action}`);
  return button;
}

function renderMessages(conv) {
  const fragment = document.createDocumentFragment();
  for (const msg of conv.messages) fragment.append(renderMessage(msg));
  for (const pending of conv.pending.values()) fragment.append(renderPending(pending));
  el.messageList.replaceChildren(fragment);
  el.empty.hidden = conv.messages.length + conv.pending.size > 0;
}

function isNearBottom() {
  const s = el.scroller;
  return s.scrollHeight - s.scrollTop - s.clientHeight < 80;
}

function scrollToBottom() {
  el.scroller.scrollTop = el.scroller.scrollHeight;
}

// ---------------------------------------------------------- conversations

function openConversation(key) {
  const conv = state.conversations.get(key);
  if (!conv) return;
  const previous = activeConversation();
  if (previous && previous !== conv) previous.draft = el.composer.value;
  state.activeKey = key;
  el.composer.value = conv.draft || '';
  autosize();
  showComposerError('');
  renderHeader();
  renderMessages(conv);
  scrollToBottom();
  markRead(conv);
  renderSidebar();
  renderHistoryStatus();
  closeSidebar();
  if (!conv.historyLoaded) loadNewest(conv);
  else fillViewport(conv);
  if (window.matchMedia('(min-width: 721px)').matches) el.composer.focus();
}

function openDirect(username) {
  if (sameName(username, state.me)) return;
  const conv = ensureConversation('direct', username);
  openConversation(conv.key);
}

function renderHeader() {
  const conv = activeConversation();
  if (!conv) return;
  el.title.textContent = conv.kind === 'room' ? `# ${conv.name}` : conv.name;
  el.title.dataset.conversation = conv.key;
  if (conv.kind === 'room') {
    el.subtitle.textContent = t('chat.room_title');
  } else {
    const user = state.users.get(fold(conv.name));
    el.subtitle.textContent = t(`status.${user ? user.status : 'offline'}`);
  }
  el.composer.placeholder = conv.kind === 'room'
    ? t('chat.composer_placeholder_room', { name: conv.name })
    : t('chat.composer_placeholder_direct', { name: conv.name });
}

function conversationItem(conv) {
  const li = document.createElement('li');
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'conversation';
  button.dataset.testid = 'conversation';
  button.dataset.conversation = conv.key;
  button.dataset.kind = conv.kind;
  button.dataset.name = conv.name;
  const active = conv.key === state.activeKey;
  if (active) button.setAttribute('aria-current', 'true');

  const icon = document.createElement('span');
  icon.className = 'conversation-icon';
  icon.setAttribute('aria-hidden', 'true');
  if (conv.kind === 'room') {
    icon.textContent = '#';
  } else {
    const user = state.users.get(fold(conv.name));
    icon.classList.add('status-dot');
    icon.dataset.status = user ? user.status : 'offline';
  }
  const name = document.createElement('bdi');
  name.className = 'conversation-name';
  name.textContent = conv.name;
  button.append(icon, name);

  if (conv.unread > 0 && !active) {
    button.classList.add('has-unread');
    const badge = document.createElement('span');
    badge.className = 'badge';
    badge.dataset.testid = 'unread';
    badge.textContent = conv.unread > 99 ? '99+' : String(conv.unread);
    badge.title = t('chat.unread', { count: conv.unread });
    button.append(badge);
  }
  li.append(button);
  return li;
}

function userItem(user) {
  const li = document.createElement('li');
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'user';
  button.dataset.testid = 'user';
  button.dataset.username = user.username;
  button.dataset.status = user.status;
  button.title = t('chat.direct_title', { name: user.username });

  const dot = document.createElement('span');
  dot.className = 'status-dot';
  dot.dataset.status = user.status;
  dot.setAttribute('aria-hidden', 'true');
  const name = document.createElement('bdi');
  name.className = 'user-name';
  name.dataset.testid = 'user-name';
  name.textContent = user.username;
  const status = document.createElement('span');
  status.className = 'user-status';
  status.dataset.testid = 'user-status';
  status.textContent = t(`status.${user.status}`);
  button.append(dot, name, status);
  li.append(button);
  return li;
}

const byName = (a, b) => a.localeCompare(b, undefined, { sensitivity: 'base' });

function renderSidebar() {
  if (state.view !== 'chat') return;
  const all = [...state.conversations.values()];
  const rooms = all.filter((c) => c.kind === 'room')
    .sort((a, b) => (a.name === GENERAL ? -1 : b.name === GENERAL ? 1 : byName(a.name, b.name)));
  const directs = all.filter((c) => c.kind === 'direct').sort((a, b) => byName(a.name, b.name));
  el.roomList.replaceChildren(...rooms.map(conversationItem));
  el.directList.replaceChildren(...directs.map(conversationItem));
  el.noDirects.hidden = directs.length > 0;

  const users = [...state.users.values()].sort((a, b) => byName(a.username, b.username));
  el.userList.replaceChildren(...users.map(userItem));
  el.onlineCount.textContent = String(users.length);
  el.nobodyOnline.hidden = users.length > 0;

  el.meDot.dataset.status = state.myStatus;

  const unread = all.reduce((n, c) => n + (c.key === state.activeKey ? 0 : c.unread), 0);
  el.menuUnread.hidden = unread === 0;
  el.menuUnread.textContent = unread > 99 ? '99+' : String(unread);
  document.title = unread > 0 ? `(${unread}) ${t('app.title')}` : t('app.title');
}


// --------------------------------------------------------------- presence

function applyPresence(change) {
  if (!change || typeof change.username !== 'string') return;
  const status = String(change.status || 'online');
  if (sameName(change.username, state.me)) {
    // Our own change echoed back: harmless, keep the selector in sync.
    if (STATUSES.includes(status)) {
      state.myStatus = status;
      el.statusSelect.value = status;
    }
    return;
  }
  const key = fold(change.username);
  if (status === 'offline') state.users.delete(key);
  else state.users.set(key, { username: change.username, status: STATUSES.includes(status) ? status : 'online' });
}

function onPresence(payload) {
  const changes = Array.isArray(payload.changes) ? payload.changes : [payload];
  changes.forEach(applyPresence);
  renderSidebar();
  renderHeader();
}

function onUsers(payload) {
  if (!Array.isArray(payload.users)) return;
  state.users.clear();
  payload.users.forEach(applyPresence);
  renderSidebar();
  renderHeader();
}

function onStatusChange() {
  const status = el.statusSelect.value;
  if (!STATUSES.includes(status)) return;
  state.myStatus = status;
  client.setStatus(status);
  renderSidebar();
}


// --------------------------------------------------------------- composer

function showComposerError(text) {
  el.composerError.textContent = text;
  el.composerError.hidden = !text;
}

function autosize() {
  // CSSOM from script: allowed under the page's `style-src 'self'`.
  el.composer.style.height = 'auto';
  el.composer.style.height = `${Math.min(el.composer.scrollHeight, 200)}px`;
}

function sendErrorText(error) {
  if (!error) return errorText('internal');
  if (error.code === 'rate_limited' && error.payload?.retryAfterMs) {
    return t('error.rate_limited_wait', { seconds: Math.max(1, Math.ceil(error.payload.retryAfterMs / 1000)) });
  }
  return errorText(error.code || 'internal');
}

/** Re-renders one pending message in place (when its conversation is open). */
function updatePendingNode(conv, pending) {
  if (conv.key !== state.activeKey) return;
  const old = el.messageList.querySelector(`.message.pending[data-client-id="${CSS.escape(pending.id)}"]`);
  const node = renderPending(pending);
  if (old) old.replaceWith(node);
  else el.messageList.append(node);
  el.empty.hidden = true;
}

function removePendingNode(conv, pending) {
  if (conv.key !== state.activeKey) return;
  el.messageList.querySelector(`.message.pending[data-client-id="${CSS.escape(pending.id)}"]`)?.remove();
}

/**
 * Our own message came back as a new_message before its ack: it replaces the oldest pending
 * message with the same text (frames of one connection arrive in order).
 */
function adoptPending(conv, msg, { uncertain = false } = {}) {
  for (const pending of conv.pending.values()) {
    // After a reconnect, a send that failed without an answer may have been stored after all.
    const unknownFate = uncertain && pending.status === 'failed'
      && ['disconnected', 'timeout'].includes(pending.error?.code);
    if ((pending.status === 'sending' || unknownFate) && pending.text === msg.message) {
      conv.pending.delete(pending.id);
      pending.messageId = msg.id;
      removePendingNode(conv, pending);
      return;
    }
  }
}

/** Sends (or, from Retry, resends with the same frame id) a pending message. */
async function transmit(conv, pending) {
  pending.status = 'sending';
  pending.error = null;
  updatePendingNode(conv, pending);
  try {
    const ack = conv.kind === 'room'
      ? await client.sendMessage(conv.name, pending.text, {}, { id: pending.id })
      : await client.privateMessage(conv.name, pending.text, {}, { id: pending.id });
    onAcked(conv, pending, ack);
  } catch (e) {
    if (!conv.pending.has(pending.id)) return; // discarded, or its new_message already arrived
    pending.status = 'failed';
    pending.error = e;
    updatePendingNode(conv, pending);
    if (conv.key === state.activeKey) {
      if (e.code === 'rate_limited') showComposerError(sendErrorText(e));
      if (isNearBottom()) scrollToBottom();
    } else {
      showNotice(sendErrorText(e));
    }
  }
}

function onAcked(conv, pending, ack) {
  if (!conv.pending.has(pending.id)) return; // its new_message came first
  conv.pending.delete(pending.id);
  removePendingNode(conv, pending);
  if (ack && ack.messageId && !conv.ids.has(String(ack.messageId))) {
    // The ack came before our own new_message: show the message now (the echo is deduped).
    addMessages(conv, [{
      id: String(ack.messageId),
      seq: ack.seq,
      ...conv.target,
      from: state.me,
      message: pending.text,
      timestamp: new Date().toISOString(),
      attachments: [],
    }], { mode: 'live' });
  }
}

function sendCurrent() {
  const conv = activeConversation();
  const text = el.composer.value;
  if (!conv || text.trim() === '') return;
  if (!client.loggedIn) {
    // Nothing typed is lost: the text stays in the composer.
    showComposerError(errorText('disconnected'));
    return;
  }
  showComposerError('');
  el.composer.value = '';
  conv.draft = '';
  autosize();
  const pending = { id: client.newId('m'), text, status: 'sending', error: null };
  conv.pending.set(pending.id, pending);
  updatePendingNode(conv, pending);
  scrollToBottom();
  transmit(conv, pending);
}

function onMessageAction(event) {
  const button = event.target.closest('button[data-action]');
  if (!button) return;
  const conv = activeConversation();
  const pending = conv?.pending.get(button.dataset.clientId);
  if (!pending) return;
  if (button.dataset.action === 'discard') {
    conv.pending.delete(pending.id);
    removePendingNode(conv, pending);
    el.empty.hidden = conv.messages.length + conv.pending.size > 0;
    return;
  }
  if (!client.loggedIn) {
    showComposerError(errorText('disconnected'));
    return;
  }
  showComposerError('');
  transmit(conv, pending);
}

function onComposerKeydown(event) {
  if (event.key !== 'Enter' || event.shiftKey || event.isComposing || event.keyCode === 229) return;
  if (event.altKey || event.ctrlKey || event.metaKey) return;
  event.preventDefault();
  sendCurrent();
}

let noticeTimer = null;
function showNotice(text) {
  el.notice.textContent = text;
  el.notice.hidden = !text;
  clearTimeout(noticeTimer);
  if (text) noticeTimer = setTimeout(() => { el.notice.hidden = true; }, 6000);
}

function onServerError(error) {
  const ref = error.payload?.ref;
  if (ref && optionalFrames.has(ref)) {
    const type = optionalFrames.get(ref);
    optionalFrames.delete(ref);
    if (error.code === 'unknown_type' && type === 'read') state.readSupported = false;
    return;
  }
  if (error.code === 'unknown_type') {
    console.info('majlis: server does not know a frame type', error.payload);
    return;
  }
  if (state.view === 'chat') showNotice(errorText(error.code));
}

/** The connection ended for good. 1008: session expired (or abuse): back to the login screen. */
function onStateChange(connection, info = {}) {
  updateBanner();
  if (connection === 'closed' && info.code === 1008 && state.view === 'chat') {
    clearSession();
    client.session = null;
    backToLogin(info.reason && /expir/i.test(info.reason) ? 'session_expired' : 'policy_closed');
  }
}

// ---------------------------------------------------------------- banner

let bannerTimer = null;

function updateBanner() {
  clearInterval(bannerTimer);
  bannerTimer = null;
  const connection = client.state;
  let text = '';
  let action = null;
  if (state.view === 'chat') {
    if (connection === 'reconnecting') {
      const seconds = Math.max(0, Math.ceil(((client.reconnectAt || 0) - Date.now()) / 1000));
      text = client.ws ? t('banner.reconnecting') : seconds > 0
        ? t('banner.reconnecting_in', { seconds }) : t('banner.reconnecting');
      action = client.ws ? null : 'retry';
      if (!client.ws && seconds > 0) bannerTimer = setInterval(updateBanner, 1000);
    } else if (connection === 'connecting') {
      text = t('banner.connecting');
    } else if (connection === 'open' && !client.user) {
      text = t('banner.logging_in');
    } else if (connection === 'closed') {
      text = t('banner.closed');
      action = 'reload';
    }
  }
  el.banner.hidden = !text;
  el.banner.dataset.state = connection;
  document.body.classList.toggle('offline', Boolean(text));
  el.bannerText.textContent = text;
  el.bannerAction.hidden = !action;
  el.bannerAction.dataset.action = action || '';
  if (action) el.bannerAction.textContent = t(action === 'retry' ? 'banner.retry' : 'banner.reload');
  el.send.disabled = Boolean(text);
}

function onBannerAction() {
  if (el.bannerAction.dataset.action === 'retry') client.reconnectNow();
  else if (el.bannerAction.dataset.action === 'reload') window.location.reload();
}

// ----------------------------------------------------------- small screens

function openSidebar() {
  el.chatView.classList.add('sidebar-open');
  el.scrim.hidden = false;
  el.menuToggle.setAttribute('aria-expanded', 'true');
}

function closeSidebar() {
  el.chatView.classList.remove('sidebar-open');
  el.scrim.hidden = true;
  el.menuToggle.setAttribute('aria-expanded', 'false');
}


// ------------------------------------------------------------------ wiring

function init() {
  applyStaticText();

  el.loginForm.addEventListener('submit', onLoginSubmit);
  el.loginName.addEventListener('input', () => showLoginError(''));
  el.accountForm.addEventListener('submit', (event) => {
    event.preventDefault();
    onAccountSubmit(false);
  });
  el.accountRegister.addEventListener('click', () => onAccountSubmit(true));
  for (const input of [el.accountUsername, el.accountPassword]) {
    input.addEventListener('input', () => { if (!el.accountError.hidden) showAccountError(''); });
  }
  el.logout.addEventListener('click', logOut);

  el.composerForm.addEventListener('submit', (event) => {
    event.preventDefault();
    sendCurrent();
  });
  el.composer.addEventListener('keydown', onComposerKeydown);
  el.composer.addEventListener('input', () => {
    autosize();
    if (!el.composerError.hidden) showComposerError('');
  });
  el.messageList.addEventListener('click', onMessageAction);
  el.scroller.addEventListener('scroll', () => {
    if (el.scroller.scrollTop < 120) loadOlder(activeConversation());
  }, { passive: true });
  el.statusSelect.addEventListener('change', onStatusChange);
  el.bannerAction.addEventListener('click', onBannerAction);
  el.menuToggle.addEventListener('click', () => {
    if (el.chatView.classList.contains('sidebar-open')) closeSidebar();
    else openSidebar();
  });
  el.scrim.addEventListener('click', closeSidebar);
  document.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') closeSidebar();
  });

  // Event delegation: one listener per list, items are re-rendered freely.
  el.sidebar.addEventListener('click', (event) => {
    const user = event.target.closest('[data-testid="user"]');
    if (user) {
      openDirect(user.dataset.username);
      return;
    }
    const conv = event.target.closest('[data-testid="conversation"]');
    if (conv) openConversation(conv.dataset.conversation);
  });

  document.addEventListener('visibilitychange', () => {
    const conv = activeConversation();
    if (conv && isReading(conv)) {
      markRead(conv);
      renderSidebar();
    }
  });

  client.on('welcome', onWelcome);
  client.on('new_message', onNewMessage);
  client.on('presence', onPresence);
  client.on('users', onUsers);
  client.on('error', onServerError);
  client.on('state', onStateChange);
  client.on('login_failed', (e) => {
    if (e.code === 'auth_failed') clearSession();
    backToLogin(e.code === 'auth_failed' ? 'session_expired' : e.code);
  });

  showView('login');
  const saved = savedSession();
  if (saved) {
    restoreSession(saved);
  } else {
    el.accountUsername.focus();
  }
}

init();
