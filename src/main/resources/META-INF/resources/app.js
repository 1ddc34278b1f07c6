// The Majlis web page: login screen (guest name, or an account: sign in / register), then the
// chat (rooms, direct conversations with last-message previews, online list with last seen,
// history, unread counts in the sidebar and the tab title, typing indicators, read receipts,
// reactions, edits and deletes, file attachments, messages queued while offline), settings
// (language, theme, desktop notifications) and a live region that reads new messages out.
//
// Rule for everything below: user-supplied text (names, messages) reaches the DOM only through
// textContent / createTextNode / attribute setters, never through innerHTML.
//
// Session: the session token of the last `welcome` is kept in sessionStorage (this tab only,
// gone when the tab closes; never a cookie, never localStorage), so a reload logs back in with
// it. Log out removes it and closes the socket. Preferences (language, theme, notifications) are
// not secrets and outlive the tab: they are kept in localStorage.

import { MajlisClient, loginAccount, registerAccount } from './majlis-client.js';
import {
  LANGUAGES, errorText, formatList, formatSize, getLocale, isRightToLeft, plural, preferredLocale, setLocale, t,
} from './i18n.js';
import { DesktopNotifier, mentions } from './notifications.js';
import { INLINE_IMAGE_TYPES, UploadTray } from './uploads.js';

const STATUSES = ['online', 'away', 'busy'];
const GENERAL = 'general';
const HISTORY_PAGE = 50;
const SESSION_KEY = 'majlis.session';
const READ_KEY_PREFIX = 'majlis.read.';
const MIN_PASSWORD = 8;
// bcrypt reads 72 bytes: the server refuses longer passwords
const MAX_PASSWORD_BYTES = 72;
const REACTION_CHOICES = ['👍', '❤️', '😂', '😮', '😢', '🎉'];
const TYPING_REFRESH_MS = 3000;   // while typing goes on, tell the others again this often
const TYPING_EXPIRY_MS = 6000;    // an indicator nobody refreshed for this long is dropped
const CONFIRM_WINDOW_MS = 4000;   // a destructive button waits this long for its second click
const SEEN_BY_NAMES = 5;          // names listed under "Seen by" before "and N more"
const LANGUAGE_KEY = 'majlis.language';
const THEME_KEY = 'majlis.theme';
const THEMES = ['system', 'light', 'dark'];
const PREVIEW_LENGTH = 80;        // characters of the last message shown under a conversation's name
const ANNOUNCE_LENGTH = 200;      // characters of a new message read out by screen readers

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
  roomActions: $('room-actions'),
  membersToggle: $('members-toggle'),
  leaveRoom: $('leave-room'),
  membersPanel: $('members-panel'),
  memberList: $('member-list'),
  membersUnknown: $('members-unknown'),
  inviteForm: $('invite-form'),
  inviteName: $('invite-name'),
  inviteSubmit: $('invite-submit'),
  inviteStatus: $('invite-status'),
  typing: $('typing'),
  editBar: $('edit-bar'),
  editCancel: $('edit-cancel'),
  uploadList: $('upload-list'),
  attach: $('attach'),
  fileInput: $('file-input'),
  dropHint: $('drop-hint'),
  conversationPane: document.querySelector('.conversation-pane'),
  newRoom: $('new-room'),
  browseRooms: $('browse-rooms'),
  roomDialog: $('room-dialog'),
  roomForm: $('room-form'),
  roomName: $('room-name'),
  roomPrivate: $('room-private'),
  roomMembers: $('room-members'),
  roomError: $('room-error'),
  roomCreate: $('room-create'),
  roomCancel: $('room-cancel'),
  browseDialog: $('browse-dialog'),
  browseStatus: $('browse-status'),
  browseList: $('browse-list'),
  browseClose: $('browse-close'),
  browseMore: $('browse-more'),
  invitationList: $('invitation-list'),
  languageToggle: $('language-toggle'),
  skipLink: $('skip-link'),
  openSettings: $('open-settings'),
  settingsDialog: $('settings-dialog'),
  languageSelect: $('language-select'),
  themeSelect: $('theme-select'),
  notifyToggle: $('notify-toggle'),
  notifyStatus: $('notify-status'),
  announcer: $('announcer'),
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
  lastSeen: new Map(),       // fold(name) -> ISO time a user went offline (from presence)
  conversations: new Map(),  // key -> Conversation
  activeKey: null,
  historySupported: true,
  unsupported: new Set(),    // optional frame types this server answered with unknown_type
  editing: null,             // { key, messageId } while the composer edits a sent message
  typingSent: null,          // { key, target, at }: where we last said we are typing
  membersOpen: false,        // the members panel of the open room is shown
  invitations: new Map(),    // fold(room) -> { room, by, private }: pending, accepted by joining
  browseNext: null,          // the cursor of the room list's next page, null on its last
  pinnedToBottom: true,      // the message list was scrolled to the end (kept there as images load)
};

const client = new MajlisClient();
const notifier = new DesktopNotifier();
const uploads = new UploadTray(el.uploadList, {
  token: () => client.session?.token || null,
  onError: (text) => showComposerError(text),
});
// Exposed for debugging from the browser console and for tests.
window.majlis = { client, state };

class Conversation {
  constructor(kind, name) {
    this.kind = kind;                 // 'room' | 'direct'
    this.name = name;                 // room name or partner's username
    this.key = conversationKey(kind, name);
    this.messages = [];               // sorted by seq
    this.byId = new Map();            // message id -> message
    this.lastSeq = 0;                 // highest seq seen
    this.serverLastSeq = 0;           // lastSeq announced by the last welcome
    this.readSeq = 0;                 // highest seq the user has seen here
    this.unread = 0;
    this.historyLoaded = false;
    this.loadingNewest = null;        // promise while the newest page is on its way
    this.loadingOlder = false;
    this.hasMoreBefore = false;
    this.historyFailed = false;
    this.pending = new Map();         // client frame id -> { id, text, attachments, status, error, uncertain }
    this.latest = null;               // newest message known without loading history (for the preview)
    this.draft = '';
    this.isPrivate = false;           // rooms only
    this.owner = null;
    this.members = null;              // usernames, once a `room` event described the room
    this.memberCount = null;          // from `room` or the `rooms` list
    this.readBy = new Map();          // fold(user) -> { name, seq }: how far the others have read
    this.typing = new Map();          // fold(user) -> { name, timer }: who is typing here now
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

/**
 * Kind and name of the conversation an event belongs to: its `room`, or for a direct one the
 * partner of `actor` (the server sets `to` to the partner of the one who acted).
 */
function eventConversation(payload, actor) {
  if (typeof payload.room === 'string') return ['room', payload.room];
  if (typeof payload.to === 'string') return ['direct', sameName(actor, state.me) ? payload.to : String(actor)];
  return ['room', GENERAL];
}

/** The conversation a `new_message` payload belongs to (created when new). */
function conversationOfMessage(msg) {
  return ensureConversation(...eventConversation(msg, msg.from));
}

/** The conversation of an event about existing messages or members, if this page knows it. */
function knownConversation(payload, actor) {
  return state.conversations.get(conversationKey(...eventConversation(payload, actor))) || null;
}

function removeConversation(conv) {
  conv.typing.forEach((entry) => clearTimeout(entry.timer));
  state.conversations.delete(conv.key);
  if (state.activeKey === conv.key) openConversation(conversationKey('room', GENERAL));
  renderSidebar();
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

// ------------------------------------------------------------ preferences

function preference(key) {
  try {
    return window.localStorage.getItem(key);
  } catch {
    return null;
  }
}

function setPreference(key, value) {
  try {
    window.localStorage.setItem(key, value);
  } catch { /* storage disabled: the choice lasts for this page only */ }
}

/** Switches the interface language: <html lang dir>, every string, and what is on screen. */
function applyLanguage(name) {
  const locale = setLocale(name);
  document.documentElement.lang = locale;
  document.documentElement.dir = isRightToLeft(locale) ? 'rtl' : 'ltr';
  applyStaticText();
  fillLanguageControls();
  if (state.view === 'chat') renderChat();
}

function chooseLanguage(name) {
  if (!(name in LANGUAGES)) return;
  setPreference(LANGUAGE_KEY, name);
  applyLanguage(name);
}

/** The settings' language list and the login screen's switch, each language named in itself. */
function fillLanguageControls() {
  el.languageSelect.replaceChildren(...Object.entries(LANGUAGES).map(([code, label]) => {
    const option = new Option(label, code);
    option.lang = code;
    return option;
  }));
  el.languageSelect.value = getLocale();
  const other = Object.keys(LANGUAGES).find((code) => code !== getLocale());
  el.languageToggle.textContent = LANGUAGES[other];
  el.languageToggle.lang = other;
  el.languageToggle.dataset.language = other;
}

/** 'system' follows prefers-color-scheme; 'light' and 'dark' override it (style.css, :root). */
function applyTheme(theme) {
  const chosen = THEMES.includes(theme) ? theme : 'system';
  if (chosen === 'system') delete document.documentElement.dataset.theme;
  else document.documentElement.dataset.theme = chosen;
  el.themeSelect.value = chosen;
}

function chooseTheme(theme) {
  setPreference(THEME_KEY, theme);
  applyTheme(theme);
}

function openSettings() {
  renderNotificationSetting();
  el.settingsDialog.showModal();
  el.languageSelect.focus();
}

function renderNotificationSetting() {
  el.notifyToggle.checked = notifier.enabled;
  el.notifyToggle.disabled = !notifier.supported;
  const problem = !notifier.supported ? 'settings.notifications_unsupported'
    : notifier.permission === 'denied' ? 'settings.notifications_denied' : null;
  el.notifyStatus.textContent = problem ? t(problem) : '';
  el.notifyStatus.hidden = !problem;
}

/** The checkbox's change event is a user gesture: the browser may ask for permission here. */
async function onNotifyToggle() {
  if (el.notifyToggle.checked) await notifier.enable();
  else notifier.disable();
  renderNotificationSetting();
}

// ------------------------------------------------------------ static text

function applyStaticText() {
  for (const node of document.querySelectorAll('[data-i18n]')) node.textContent = t(node.dataset.i18n);
  for (const node of document.querySelectorAll('[data-i18n-placeholder]')) {
    node.placeholder = t(node.dataset.i18nPlaceholder);
  }
  for (const node of document.querySelectorAll('[data-i18n-title]')) node.title = t(node.dataset.i18nTitle);
  for (const node of document.querySelectorAll('[data-i18n-label]')) node.setAttribute('aria-label', t(node.dataset.i18nLabel));
  updateTitle(0);
}

/** "(3) Majlis": the unread count in the tab title. */
function updateTitle(unread) {
  document.title = unread > 0 ? `(${unread > 999 ? '999+' : unread}) ${t('app.title')}` : t('app.title');
}

/** Everything on the chat screen again (after a language change). */
function renderChat() {
  el.meKind.textContent = t(state.guest ? 'account.guest' : 'account.member');
  renderSidebar();
  renderHeader();
  const conv = activeConversation();
  if (conv) renderMessages(conv);
  renderTyping();
  renderHistoryStatus();
  updateBanner();
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
  if (register && new TextEncoder().encode(password).length > MAX_PASSWORD_BYTES) {
    showAccountError(t('account.long_password'), 'password');
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
  state.lastSeen.clear();
  state.conversations.clear();
  state.activeKey = null;
  state.editing = null;
  state.typingSent = null;
  state.membersOpen = false;
  el.editBar.hidden = true;
  uploads.clear();
  for (const dialog of [el.roomDialog, el.browseDialog, el.settingsDialog]) if (dialog.open) dialog.close();
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
    if (r && typeof r.room === 'string') {
      const room = ensureConversation('room', r.room);
      room.isPrivate = r.private === true;
      listed.push([room, r]);
    }
  }
  forgetRoomsLeftMeanwhile(listed.map(([conv]) => conv));
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
    // Messages written while offline go out once the gaps are filled: one whose send got no
    // answer is then known to be stored (it came back in the catch-up) or not (it is sent again).
    const caughtUp = [...state.conversations.values()].map((conv) => catchUp(conv, seenBefore.get(conv.key) ?? conv.lastSeq));
    Promise.allSettled(caughtUp).then(sendQueued);
  }
  for (const [conv] of listed) loadLatest(conv);
  renderSidebar();
  renderHeader();
  updateBanner();
  // Invitations made while we were away come with the first page of the room list.
  client.rooms({ limit: 1 }).then(applyInvitations, () => {});
}

/** After a reconnect: rooms missing from the welcome were left (or lost) on another device. */
function forgetRoomsLeftMeanwhile(listedRooms) {
  if (listedRooms.length === 0) return; // a server that lists no rooms at all
  const kept = new Set(listedRooms.map((conv) => conv.key));
  kept.add(conversationKey('room', GENERAL));
  for (const conv of [...state.conversations.values()]) {
    if (conv.kind === 'room' && !kept.has(conv.key)) removeConversation(conv);
  }
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
      noteReadSeqs(conv, page.readSeqs);
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
    noteReadSeqs(conv, page.readSeqs);
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
  if (conv.serverLastSeq && conv.serverLastSeq <= from) return;
  try {
    const { messages, readSeqs } = await client.catchUp(conv.target, from);
    noteReadSeqs(conv, readSeqs);
    addMessages(conv, messages, { mode: 'gap' });
  } catch (e) {
    historyUnsupported(e);
  }
}

/** The newest message of a conversation not opened yet, for its preview in the sidebar. */
async function loadLatest(conv) {
  const known = lastMessage(conv);
  if (!state.historySupported || conv.historyLoaded || conv.serverLastSeq <= (Number(known?.seq) || 0)) return;
  try {
    const page = await client.history(conv.target, { limit: 1 });
    const newest = Array.isArray(page.messages) ? page.messages.at(-1) : null;
    if (newest && state.conversations.get(conv.key) === conv) {
      conv.latest = newest;
      renderSidebar();
    }
  } catch (e) {
    historyUnsupported(e);
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
    const known = conv.byId.get(id);
    if (known) {
      // A history copy may carry edits, deletes and reactions this page missed.
      if (mode !== 'live' && refreshMessage(known, msg)) rerenderMessage(conv, known);
      continue;
    }
    conv.byId.set(id, msg);
    if (mode === 'live' && conv.typing.has(fold(msg.from))) setTyping(conv, msg.from, false);
    const seq = Number(msg.seq) || 0;
    const last = conv.messages[conv.messages.length - 1];
    if (last && seq && (Number(last.seq) || 0) > seq) appendedInOrder = false;
    conv.messages.push(msg);
    fresh.push(msg);
    if (seq > conv.lastSeq) conv.lastSeq = seq;
    const mine = sameName(msg.from, state.me);
    if (mine && mode !== 'older') adoptPending(conv, msg, { live: mode === 'live' });
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
    renderReceipts(conv);
    if (stick && mode !== 'older') scrollToBottom();
    if (isReading(conv)) markRead(conv);
  }
  renderSidebar();
}

const MUTABLE_FIELDS = ['message', 'edited', 'editedAt', 'deleted', 'reactions', 'attachments'];

/** Copies the fields that edits, deletes and reactions change; true when something changed. */
function refreshMessage(known, copy) {
  let changed = false;
  for (const field of MUTABLE_FIELDS) {
    if (copy[field] !== undefined && JSON.stringify(copy[field]) !== JSON.stringify(known[field])) {
      known[field] = copy[field];
      changed = true;
    }
  }
  return changed;
}

/** Re-renders one message in place (when its conversation is open). */
function rerenderMessage(conv, msg) {
  if (conv.key !== state.activeKey) return;
  const old = messageNode(messageId(msg));
  if (!old) return;
  old.replaceWith(renderMessage(msg));
  renderReceipts(conv);
}

function messageNode(id) {
  return el.messageList.querySelector(`.message[data-message-id="${CSS.escape(id)}"]`);
}

function onNewMessage(msg) {
  if (!msg || typeof msg !== 'object') return;
  const conv = conversationOfMessage(msg);
  const isNew = !conv.byId.has(messageId(msg));
  addMessages(conv, [msg]);
  if (!isNew || sameName(msg.from, state.me)) return;
  announce(conv, msg);
  notifyDesktop(conv, msg);
}

/** Screen readers read the new message in the open conversation, and a short line for others. */
function announce(conv, msg) {
  el.announcer.textContent = conv.key === state.activeKey
    ? t('announce.message', { name: msg.from, text: clip(messageSummary(msg), ANNOUNCE_LENGTH) })
    : conv.kind === 'room' ? t('announce.room', { name: msg.from, room: conv.name })
      : t('announce.direct', { name: msg.from });
}

/** A desktop notification for a direct message or a mention of our name, while the tab is hidden. */
function notifyDesktop(conv, msg) {
  if (document.visibilityState !== 'hidden') return;
  const direct = conv.kind === 'direct';
  if (!direct && !mentions(msg.message, state.me)) return;
  notifier.show(direct ? t('notify.direct', { name: msg.from }) : t('notify.mention', { name: msg.from, room: conv.name }), {
    body: clip(messageSummary(msg), ANNOUNCE_LENGTH),
    tag: conv.key,
    onClick: () => openConversation(conv.key),
  });
}

/** The user is looking at this conversation right now. */
function isReading(conv) {
  return conv.key === state.activeKey && state.view === 'chat' && document.visibilityState !== 'hidden';
}

const optionalFrames = new Map(); // frame id -> type, for frames a server may not know yet
let optionalId = 0;

/** Sends a frame whose errors nobody needs to see (read marks, typing). */
function sendOptional(type, payload) {
  if (state.unsupported.has(type)) return;
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
      return { text: d.toLocaleTimeString(getLocale(), { hour: '2-digit', minute: '2-digit' }), iso: d.toISOString(), full: d.toLocaleString(getLocale()) };
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
  const deleted = msg.deleted === true;
  const { li, meta, body } = messageShell(msg.from, mine, deleted ? t('message.deleted') : msg.message);
  li.dataset.messageId = messageId(msg);
  if (msg.seq != null) li.dataset.seq = String(msg.seq);
  meta.append(timeNode(msg));
  if (deleted) {
    // Nothing of a deleted message is shown: no text, no files, no reactions.
    li.dataset.deleted = 'true';
    body.classList.add('deleted');
    body.dataset.testid = 'message-deleted';
    return li;
  }
  if (msg.edited) meta.append(editedMarker(msg));
  if (mine && msg.to != null) meta.append(ticksNode());
  const attachments = attachmentList(msg.attachments);
  if (attachments) li.append(attachments);
  const reactions = reactionRow(msg);
  if (reactions) li.append(reactions);
  if (msg.id != null) meta.append(messageActions(mine));
  return li;
}

function timeNode(msg) {
  const time = document.createElement('time');
  time.className = 'message-time';
  time.dataset.testid = 'message-time';
  const when = formatTime(msg);
  time.textContent = when.text;
  if (when.iso) time.dateTime = when.iso;
  if (when.full) time.title = when.full;
  return time;
}

function editedMarker(msg) {
  const marker = document.createElement('span');
  marker.className = 'message-edited';
  marker.dataset.testid = 'message-edited';
  marker.textContent = t('message.edited');
  const when = msg.editedAt ? formatTime({ timestamp: msg.editedAt }) : null;
  if (when?.full) marker.title = t('message.edited_at', { time: when.full });
  return marker;
}

/** Sent / read marks of our own direct messages; filled in by renderReceipts. */
function ticksNode() {
  const ticks = document.createElement('span');
  ticks.className = 'message-ticks';
  ticks.dataset.testid = 'message-ticks';
  return ticks;
}

function setTicks(node, read) {
  const stateName = read ? 'read' : 'sent';
  if (node.dataset.state === stateName) return;
  node.dataset.state = stateName;
  node.textContent = read ? '✓✓' : '✓';
  node.title = t(`receipts.${stateName}`);
  node.setAttribute('aria-label', node.title);
}

/** Files of a message: images as previews linking to the file, anything else as a download. */
function attachmentList(attachments) {
  // Only same-origin paths: a file url never leads the reader elsewhere.
  const files = (Array.isArray(attachments) ? attachments : [])
    .filter((a) => a && typeof a.url === 'string' && /^\/(?!\/)/.test(a.url));
  if (files.length === 0) return null;
  const list = document.createElement('ul');
  list.className = 'attachments';
  list.dataset.testid = 'attachments';
  for (const file of files) {
    const item = document.createElement('li');
    item.append(attachmentLink(file));
    list.append(item);
  }
  return list;
}

function attachmentLink(file) {
  const name = String(file.name || 'file');
  const link = document.createElement('a');
  link.href = file.url;
  link.rel = 'noopener';
  link.target = '_blank';
  if (INLINE_IMAGE_TYPES.has(String(file.contentType).toLowerCase())) {
    link.className = 'attachment-image';
    link.dataset.testid = 'attachment-image';
    const img = document.createElement('img');
    img.src = file.url;
    img.alt = name;
    img.decoding = 'async';
    // An image that loads after the list was scrolled to the end would push the end out of view.
    img.addEventListener('load', () => { if (state.pinnedToBottom) scrollToBottom(); });
    link.append(img);
    return link;
  }
  link.className = 'attachment-file';
  link.dataset.testid = 'attachment-file';
  link.download = name;
  const label = document.createElement('bdi');
  label.className = 'attachment-name';
  label.textContent = name;
  const size = document.createElement('span');
  size.className = 'attachment-size';
  size.textContent = formatSize(file.size);
  link.append(label, ' ', size);
  return link;
}

/** Users who reacted with `emoji`, from the message's `reactions` ({ emoji: [usernames] }). */
function reactors(msg, emoji) {
  const users = msg.reactions && msg.reactions[emoji];
  return Array.isArray(users) ? users : [];
}

function reactionRow(msg) {
  const emojis = Object.keys(msg.reactions || {}).filter((emoji) => reactors(msg, emoji).length > 0);
  if (emojis.length === 0) return null;
  const row = document.createElement('div');
  row.className = 'reactions';
  row.dataset.testid = 'reactions';
  for (const emoji of emojis) {
    const users = reactors(msg, emoji);
    const chip = document.createElement('button');
    chip.type = 'button';
    chip.className = 'reaction';
    chip.dataset.testid = 'reaction';
    chip.dataset.action = 'toggle-reaction';
    chip.dataset.emoji = emoji;
    chip.setAttribute('aria-pressed', String(users.some((u) => sameName(u, state.me))));
    chip.title = t('reactions.by', { emoji, names: formatList(users) });
    const symbol = document.createElement('span');
    symbol.className = 'reaction-emoji';
    symbol.textContent = emoji;
    const count = document.createElement('span');
    count.className = 'reaction-count';
    count.dataset.testid = 'reaction-count';
    count.textContent = String(users.length);
    chip.append(symbol, count);
    row.append(chip);
  }
  return row;
}

/** React (everyone), edit and delete (the author only). Shown on hover and focus. */
function messageActions(mine) {
  const bar = document.createElement('div');
  bar.className = 'message-actions';
  bar.setAttribute('role', 'group');
  bar.setAttribute('aria-label', t('message.actions'));
  const react = actionButton('react-menu', 'react-button', '☺');
  react.title = t('reactions.add');
  react.setAttribute('aria-label', react.title);
  react.setAttribute('aria-expanded', 'false');
  bar.append(react);
  if (mine) bar.append(actionButton('edit', 'edit-message', t('message.edit')), actionButton('delete', 'delete-message', t('message.delete')));
  return bar;
}

function actionButton(action, testid, text) {
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'message-action';
  button.dataset.action = action;
  button.dataset.testid = testid;
  button.textContent = text;
  return button;
}

function reactionPicker() {
  const picker = document.createElement('div');
  picker.className = 'reaction-picker';
  picker.dataset.testid = 'reaction-picker';
  picker.setAttribute('role', 'group');
  picker.setAttribute('aria-label', t('reactions.picker'));
  for (const emoji of REACTION_CHOICES) {
    const option = actionButton('react', 'reaction-option', emoji);
    option.dataset.emoji = emoji;
    picker.append(option);
  }
  return picker;
}

/** A message of ours that has no ack yet ('sending') or was refused ('failed'). */
function renderPending(pending) {
  const { li, meta, body } = messageShell(state.me, true, pending.text);
  const attachments = attachmentList(pending.attachments);
  if (attachments) li.append(attachments);
  li.classList.add('pending');
  li.dataset.status = pending.status;
  li.dataset.clientId = pending.id;
  body.dataset.clientId = pending.id;
  const status = document.createElement('span');
  status.className = 'message-state';
  status.dataset.testid = 'message-state';
  meta.append(status);
  if (pending.status === 'sending' || pending.status === 'queued') {
    status.textContent = t(pending.status === 'queued' ? 'chat.queued' : 'chat.sending');
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
  renderReceipts(conv);
}

function isNearBottom() {
  const s = el.scroller;
  return s.scrollHeight - s.scrollTop - s.clientHeight < 80;
}

function scrollToBottom() {
  el.scroller.scrollTop = el.scroller.scrollHeight;
  state.pinnedToBottom = true;
}

// ---------------------------------------------------------- conversations

function openConversation(key) {
  const conv = state.conversations.get(key);
  if (!conv) return;
  const previous = activeConversation();
  if (previous !== conv) {
    stopEditing();
    stopTypingNotice();
  }
  if (previous && previous !== conv) previous.draft = el.composer.value;
  state.activeKey = key;
  el.composer.value = conv.draft || '';
  autosize();
  showComposerError('');
  renderHeader();
  renderMessages(conv);
  renderTyping();
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

/** Rooms other than `general` have members to list, invite to and leave. */
const isGroupRoom = (conv) => conv?.kind === 'room' && !sameName(conv.name, GENERAL);

function renderHeader() {
  const conv = activeConversation();
  if (!conv) return;
  el.title.textContent = conv.kind === 'room' ? `# ${conv.name}` : conv.name;
  el.title.dataset.conversation = conv.key;
  el.roomActions.hidden = !isGroupRoom(conv);
  renderMembers();
  if (conv.kind === 'room') {
    const parts = [t(conv.isPrivate ? 'chat.private_room' : 'chat.room_title')];
    if (conv.memberCount != null && isGroupRoom(conv)) parts.push(plural('rooms.member_count', conv.memberCount));
    el.subtitle.textContent = parts.join(' · ');
  } else {
    el.subtitle.textContent = presenceText(conv.name);
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
    fillRoomIcon(icon, conv.isPrivate);
    if (conv.isPrivate) button.title = t('rooms.private_icon');
    button.dataset.private = String(conv.isPrivate);
  } else {
    const user = state.users.get(fold(conv.name));
    icon.classList.add('status-dot');
    icon.dataset.status = user ? user.status : 'offline';
    button.title = presenceText(conv.name);
  }
  const text = document.createElement('span');
  text.className = 'conversation-text';
  const name = document.createElement('bdi');
  name.className = 'conversation-name';
  name.textContent = conv.name;
  text.append(name);
  const last = lastMessage(conv);
  if (last) {
    const preview = document.createElement('span');
    preview.className = 'conversation-preview';
    preview.dataset.testid = 'conversation-preview';
    preview.dir = 'auto';
    preview.textContent = previewText(conv, last);
    text.append(preview);
  }
  button.append(icon, text);

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

/** The newest message of a conversation: loaded, live, or fetched for the preview. */
function lastMessage(conv) {
  const loaded = conv.messages.at(-1) || null;
  if (!conv.latest || (loaded && Number(loaded.seq) >= Number(conv.latest.seq))) return loaded;
  return conv.latest;
}

/** A message as one short line: its text, or that it has files, or that it was deleted. */
function messageSummary(msg) {
  if (msg.deleted) return t('message.deleted');
  const text = String(msg.message ?? '').replace(/\s+/g, ' ').trim();
  if (text) return text;
  return Array.isArray(msg.attachments) && msg.attachments.length > 0 ? t('preview.attachment') : '';
}

/** At most `length` characters (code points, so no emoji is cut in half). */
function clip(text, length) {
  const chars = [...text];
  return chars.length > length ? `${chars.slice(0, length).join('')}…` : text;
}

/** "You: …", "sara: …" in a room, the text alone in a direct conversation (named after the partner). */
function previewText(conv, msg) {
  const text = clip(messageSummary(msg), PREVIEW_LENGTH);
  if (sameName(msg.from, state.me)) return t('preview.mine', { text });
  return conv.kind === 'room' ? t('preview.theirs', { name: msg.from, text }) : text;
}

/** When a conversation last had a message (ms), for ordering direct conversations. */
function lastActivity(conv) {
  return Date.parse(lastMessage(conv)?.timestamp || '') || 0;
}

/** '#' for a public room, a padlock (drawn, not an emoji: no emoji font needed) for a private one. */
function fillRoomIcon(icon, isPrivate) {
  if (!isPrivate) {
    icon.textContent = '#';
    return;
  }
  const svgNs = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(svgNs, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('class', 'icon lock');
  for (const d of ['M5 11h14v10H5z', 'M8 11V7a4 4 0 0 1 8 0v4']) {
    const path = document.createElementNS(svgNs, 'path');
    path.setAttribute('d', d);
    svg.append(path);
  }
  icon.replaceChildren(svg);
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
  // The most recent direct conversation first, like a phone's message list.
  const directs = all.filter((c) => c.kind === 'direct')
    .sort((a, b) => lastActivity(b) - lastActivity(a) || byName(a.name, b.name));
  el.roomList.replaceChildren(...rooms.map(conversationItem));
  el.directList.replaceChildren(...directs.map(conversationItem));
  el.noDirects.hidden = directs.length > 0;

  const users = [...state.users.values()].sort((a, b) => byName(a.username, b.username));
  el.userList.replaceChildren(...users.map(userItem));
  el.onlineCount.textContent = String(users.length);
  el.nobodyOnline.hidden = users.length > 0;

  el.meDot.dataset.status = state.myStatus;

  // The open conversation counts too while the tab is hidden (nobody reads it then).
  const unread = all.reduce((n, c) => n + c.unread, 0);
  el.menuUnread.hidden = unread === 0;
  el.menuUnread.textContent = unread > 99 ? '99+' : String(unread);
  updateTitle(unread);
}


// ------------------------------------------------------------------ rooms

/** `room`: we became a member of a room (created it, joined it, accepted an invitation), with its full description. */
function onRoom(payload) {
  if (typeof payload.room !== 'string') return;
  if (state.invitations.delete(fold(payload.room))) renderInvitations();
  const conv = ensureConversation('room', payload.room);
  conv.isPrivate = payload.private === true;
  conv.owner = typeof payload.owner === 'string' ? payload.owner : null;
  if (Array.isArray(payload.members)) {
    conv.members = payload.members.map(String);
    conv.memberCount = conv.members.length;
  }
  renderSidebar();
  if (conv.key === state.activeKey) renderHeader();
}

// Invitations: a member invited us; we become a member only by accepting (joining).

function onInvited(payload) {
  if (typeof payload.room !== 'string') return;
  state.invitations.set(fold(payload.room), payload);
  renderInvitations();
}

/** The first page of `rooms` lists every pending invitation. */
function applyInvitations(reply) {
  if (!Array.isArray(reply?.invitations)) return;
  state.invitations = new Map(reply.invitations.filter((i) => i && typeof i.room === 'string')
    .map((i) => [fold(i.room), i]));
  renderInvitations();
}

function renderInvitations() {
  const invitations = [...state.invitations.values()].sort((a, b) => byName(a.room, b.room));
  el.invitationList.replaceChildren(...invitations.map(invitationItem));
  el.invitationList.hidden = invitations.length === 0;
}

function invitationItem(invitation) {
  const li = document.createElement('li');
  li.className = 'invitation';
  li.dataset.testid = 'invitation';
  li.dataset.room = invitation.room;
  const text = document.createElement('span');
  text.className = 'invitation-text small-text';
  text.textContent = t('rooms.invitation', { name: invitation.by || '?', room: invitation.room });
  li.append(text, invitationButton('accept', 'primary'), invitationButton('decline', 'secondary'));
  return li;
}

function invitationButton(action, look) {
  const button = document.createElement('button');
  button.type = 'button';
  button.className = `button small ${look}`;
  button.dataset.testid = `${action}-invitation`;
  button.dataset.action = action;
  button.textContent = t(`rooms.${action}`);
  return button;
}

async function onInvitationClick(event) {
  const button = event.target.closest('button[data-action]');
  const room = button?.closest('[data-room]')?.dataset.room;
  if (!room) return;
  button.disabled = true;
  // Accepting is joining: the `room` event drops the invitation and adds the room.
  const done = button.dataset.action === 'accept'
    ? await runCommand(client.joinRoom(room)) : await runCommand(client.declineInvite(room));
  button.disabled = false;
  if (!done) return; // the notice says why; declining always works, even for a room that is gone
  if (button.dataset.action === 'accept') openConversation(conversationKey('room', room));
  state.invitations.delete(fold(room));
  renderInvitations();
}

function onMemberJoined(payload) {
  const conv = roomOfMemberEvent(payload);
  if (!conv) return;
  if (conv.members && !conv.members.some((m) => sameName(m, payload.username))) {
    conv.members.push(payload.username);
    conv.memberCount = conv.members.length;
  } else if (!conv.members && conv.memberCount != null) {
    conv.memberCount += 1;
  }
  if (conv.key === state.activeKey) renderHeader();
}

function onMemberLeft(payload) {
  const conv = roomOfMemberEvent(payload);
  if (!conv) return;
  if (sameName(payload.username, state.me)) {
    removeConversation(conv);
    return;
  }
  if (conv.members) {
    conv.members = conv.members.filter((m) => !sameName(m, payload.username));
    conv.memberCount = conv.members.length;
  } else if (conv.memberCount) {
    conv.memberCount -= 1;
  }
  if (conv.typing.has(fold(payload.username))) setTyping(conv, payload.username, false);
  if (conv.key === state.activeKey) renderHeader();
}

function roomOfMemberEvent(payload) {
  if (typeof payload.room !== 'string' || typeof payload.username !== 'string') return null;
  return state.conversations.get(conversationKey('room', payload.room)) || null;
}

function renderMembers() {
  const conv = activeConversation();
  const open = state.membersOpen && isGroupRoom(conv);
  el.membersPanel.hidden = !open;
  el.membersToggle.setAttribute('aria-expanded', String(open));
  el.membersToggle.textContent = conv?.memberCount != null
    ? `${t('rooms.members')} (${conv.memberCount})` : t('rooms.members');
  if (!open) return;
  const members = [...(conv.members || [])].sort(byName);
  el.memberList.replaceChildren(...members.map((name) => memberItem(conv, name)));
  el.membersUnknown.hidden = conv.members !== null;
}

function memberItem(conv, name) {
  const li = document.createElement('li');
  li.className = 'member';
  li.dataset.testid = 'member';
  li.dataset.username = name;
  const dot = document.createElement('span');
  dot.className = 'status-dot';
  dot.setAttribute('aria-hidden', 'true');
  dot.dataset.status = sameName(name, state.me) ? state.myStatus : state.users.get(fold(name))?.status || 'offline';
  const label = document.createElement('bdi');
  label.textContent = name;
  li.title = sameName(name, state.me) ? t(`status.${state.myStatus}`) : presenceText(name);
  li.append(dot, label);
  if (sameName(name, conv.owner)) {
    const owner = document.createElement('span');
    owner.className = 'member-role muted';
    owner.textContent = t('rooms.owner');
    li.append(owner);
  }
  return li;
}

function toggleMembers() {
  state.membersOpen = !state.membersOpen;
  showInviteStatus('');
  renderMembers();
  if (state.membersOpen) el.inviteName.focus();
  const conv = activeConversation();
  if (state.membersOpen && conv && conv.members === null) {
    // After a reload the page knows only the count: joining a room one is in answers with the
    // `room` event and its member list (the event handler fills it in).
    client.joinRoom(conv.name).catch(() => {});
  }
}

function showInviteStatus(text, isError = false) {
  el.inviteStatus.textContent = text;
  el.inviteStatus.hidden = !text;
  el.inviteStatus.classList.toggle('error', isError);
}

async function onInviteSubmit(event) {
  event.preventDefault();
  const conv = activeConversation();
  const name = el.inviteName.value.trim().normalize('NFC');
  if (!isGroupRoom(conv) || !name) return;
  el.inviteSubmit.disabled = true;
  try {
    await client.invite(conv.name, name);
    el.inviteName.value = '';
    showInviteStatus(t('rooms.invitation_sent', { name }));
  } catch (e) {
    showInviteStatus(e.code === 'user_not_found' ? errorText('user_not_found') : sendErrorText(e), true);
  } finally {
    el.inviteSubmit.disabled = false;
  }
}

function onLeaveClick() {
  const conv = activeConversation();
  if (!isGroupRoom(conv)) return;
  // The member_left event removes the room from the sidebar.
  confirmThen(el.leaveRoom, 'rooms.confirm_leave', () => runCommand(client.leaveRoom(conv.name)));
}

// Create a room.

function openCreateRoom() {
  el.roomForm.reset();
  showRoomError('');
  el.roomDialog.showModal();
  el.roomName.focus();
}

function showRoomError(text) {
  el.roomError.textContent = text;
  el.roomError.hidden = !text;
  el.roomName.setAttribute('aria-invalid', text ? 'true' : 'false');
}

function roomErrorText(e) {
  if (e.code === 'invalid_payload') return t('rooms.name_invalid');
  if (e.code === 'user_not_found') return t('rooms.member_not_found');
  return sendErrorText(e);
}

async function onRoomFormSubmit(event) {
  event.preventDefault();
  const name = el.roomName.value.trim().normalize('NFC');
  if (!name) {
    showRoomError(t('rooms.empty_name'));
    el.roomName.focus();
    return;
  }
  // Names are separated by commas (Latin or Arabic) or spaces; a name never contains either.
  const members = el.roomMembers.value.split(/[\s,،]+/).map((m) => m.normalize('NFC'))
    .filter((m) => m && !sameName(m, state.me));
  el.roomCreate.disabled = true;
  showRoomError('');
  try {
    const room = await client.createRoom(name, { isPrivate: el.roomPrivate.checked, members });
    el.roomDialog.close();
    openConversation(conversationKey('room', room.room));
  } catch (e) {
    showRoomError(roomErrorText(e));
    el.roomName.focus();
  } finally {
    el.roomCreate.disabled = false;
  }
}

// Browse and join rooms.

async function openBrowseRooms() {
  el.browseList.replaceChildren();
  el.browseMore.hidden = true;
  showBrowseStatus(t('rooms.loading'));
  el.browseDialog.showModal();
  await loadBrowsePage(null);
}

/** Adds a page of the room list (the first when `after` is null) to the dialog. */
async function loadBrowsePage(after) {
  el.browseMore.disabled = true;
  try {
    const reply = await client.rooms(after ? { after } : {});
    if (!after) applyInvitations(reply);
    const rooms = (Array.isArray(reply.rooms) ? reply.rooms : []).filter((r) => r && typeof r.room === 'string');
    for (const r of rooms) {
      const conv = state.conversations.get(conversationKey('room', r.room));
      if (conv && Number.isFinite(r.members)) conv.memberCount = r.members;
    }
    // The server lists general first, then by name, page after page.
    el.browseList.append(...rooms.map(browseItem));
    state.browseNext = typeof reply.next === 'string' ? reply.next : null;
    el.browseMore.hidden = state.browseNext === null;
    const any = [...el.browseList.children].some((li) => !sameName(li.dataset.room, GENERAL));
    showBrowseStatus(any ? '' : t('rooms.none'));
    renderHeader();
  } catch (e) {
    showBrowseStatus(sendErrorText(e));
  } finally {
    el.browseMore.disabled = false;
  }
}

function showBrowseStatus(text) {
  el.browseStatus.textContent = text;
  el.browseStatus.hidden = !text;
}

function browseItem(room) {
  const joined = room.joined === true || state.conversations.has(conversationKey('room', room.room));
  const li = document.createElement('li');
  li.className = 'browse-room';
  li.dataset.testid = 'browse-room';
  li.dataset.room = room.room;
  const icon = document.createElement('span');
  icon.className = 'conversation-icon';
  icon.setAttribute('aria-hidden', 'true');
  fillRoomIcon(icon, room.private === true);
  const name = document.createElement('bdi');
  name.className = 'conversation-name';
  name.textContent = room.room;
  const count = document.createElement('span');
  count.className = 'muted small-text';
  count.textContent = Number.isFinite(room.members) ? plural('rooms.member_count', room.members) : '';
  const button = document.createElement('button');
  button.type = 'button';
  button.className = joined ? 'button small secondary' : 'button small primary';
  button.dataset.testid = joined ? 'open-room' : 'join-room';
  button.dataset.room = room.room;
  button.dataset.joined = String(joined);
  button.textContent = t(joined ? 'rooms.open' : 'rooms.join');
  li.append(icon, name, count, button);
  return li;
}

async function onBrowseListClick(event) {
  const button = event.target.closest('button[data-room]');
  if (!button) return;
  const key = conversationKey('room', button.dataset.room);
  if (button.dataset.joined !== 'true') {
    button.disabled = true;
    try {
      await client.joinRoom(button.dataset.room);
    } catch (e) {
      showBrowseStatus(sendErrorText(e));
      button.disabled = false;
      return;
    }
  }
  el.browseDialog.close();
  openConversation(key);
}

// ------------------------------------------------------------------ files

function onFilesPicked(files) {
  if (!files || files.length === 0) return;
  showComposerError('');
  uploads.add(files);
}

const draggingFiles = (event) => [...(event.dataTransfer?.types || [])].includes('Files');

function wireFileDrop() {
  const pane = el.conversationPane;
  pane.addEventListener('dragover', (event) => {
    if (!draggingFiles(event)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
    el.dropHint.hidden = false;
  });
  pane.addEventListener('dragleave', (event) => {
    if (!pane.contains(event.relatedTarget)) el.dropHint.hidden = true;
  });
  pane.addEventListener('drop', (event) => {
    el.dropHint.hidden = true;
    if (!draggingFiles(event)) return;
    event.preventDefault();
    onFilesPicked(event.dataTransfer.files);
  });
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
  if (status === 'offline') {
    state.users.delete(key);
    if (typeof change.lastSeen === 'string') state.lastSeen.set(key, change.lastSeen);
  } else {
    state.users.set(key, { username: change.username, status: STATUSES.includes(status) ? status : 'online' });
    state.lastSeen.delete(key);
  }
}

/** "Online", "Away", "Busy", or for someone offline "Last seen 14:05" when the page saw them go. */
function presenceText(name) {
  const user = state.users.get(fold(name));
  if (user) return t(`status.${user.status}`);
  const lastSeen = Date.parse(state.lastSeen.get(fold(name)) || '');
  if (!Number.isFinite(lastSeen)) return t('status.offline');
  if (Date.now() - lastSeen < 60_000) return t('presence.last_seen_recently');
  const sameDay = new Date(lastSeen).toDateString() === new Date().toDateString();
  const time = new Date(lastSeen).toLocaleString(getLocale(), sameDay
    ? { hour: '2-digit', minute: '2-digit' }
    : { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
  return t('presence.last_seen', { time });
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
 * Our own message came back: it replaces the oldest pending message with the same text and files.
 * Live (a new_message before its ack): one being sent, since frames of one connection arrive in
 * order. Any copy, live or from history: one whose send got no answer before the connection
 * dropped (`uncertain`), which the server may have stored after all; it is then not sent again.
 */
function adoptPending(conv, msg, { live }) {
  for (const pending of conv.pending.values()) {
    const candidate = pending.uncertain || (live && pending.status === 'sending');
    if (candidate && pending.text === msg.message
        && attachmentIds(pending.attachments) === attachmentIds(msg.attachments)) {
      conv.pending.delete(pending.id);
      pending.messageId = msg.id;
      removePendingNode(conv, pending);
      return;
    }
  }
}

function attachmentIds(attachments) {
  return (Array.isArray(attachments) ? attachments : []).map((a) => String(a?.id)).join(',');
}

/** Sends (or, from Retry, resends with the same frame id) a pending message. */
async function transmit(conv, pending) {
  pending.status = 'sending';
  pending.error = null;
  updatePendingNode(conv, pending);
  const extra = pending.attachments.length ? { attachments: pending.attachments.map((a) => a.id) } : {};
  try {
    const ack = conv.kind === 'room'
      ? await client.sendMessage(conv.name, pending.text, extra, { id: pending.id })
      : await client.privateMessage(conv.name, pending.text, extra, { id: pending.id });
    onAcked(conv, pending, ack);
  } catch (e) {
    if (!conv.pending.has(pending.id)) return; // discarded, or its new_message already arrived
    if (e.code === 'disconnected' || e.code === 'timeout') pending.uncertain = true;
    if (e.code === 'disconnected' && client.state !== 'closed') {
      // The connection dropped: it goes again (same id) after the reconnect, unless the catch-up finds it stored.
      queue(conv, pending);
      return;
    }
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

/** Keeps a message until the connection is back (shown as waiting); sendQueued sends it. */
function queue(conv, pending) {
  pending.status = 'queued';
  pending.error = null;
  updatePendingNode(conv, pending);
}

/** After a reconnect and its catch-up: every queued message, in the order they were written. */
function sendQueued() {
  if (!client.loggedIn) return;
  for (const conv of state.conversations.values()) {
    for (const pending of [...conv.pending.values()]) {
      if (pending.status === 'queued') transmit(conv, pending);
    }
  }
}

function onAcked(conv, pending, ack) {
  if (!conv.pending.has(pending.id)) return; // its new_message came first
  conv.pending.delete(pending.id);
  removePendingNode(conv, pending);
  if (ack && ack.messageId && !conv.byId.has(String(ack.messageId))) {
    // The ack came before our own new_message: show the message now (the echo is deduped).
    addMessages(conv, [{
      id: String(ack.messageId),
      seq: ack.seq,
      ...conv.target,
      from: state.me,
      message: pending.text,
      timestamp: new Date().toISOString(),
      attachments: pending.attachments,
    }], { mode: 'live' });
  }
}

function sendCurrent() {
  if (state.editing) {
    submitEdit();
    return;
  }
  const conv = activeConversation();
  const text = el.composer.value;
  const attachments = uploads.uploaded;
  if (!conv || (text.trim() === '' && attachments.length === 0 && !uploads.busy)) return;
  if (uploads.busy) {
    showComposerError(t('files.wait'));
    return;
  }
  showComposerError('');
  el.composer.value = '';
  conv.draft = '';
  autosize();
  stopTypingNotice();
  uploads.clear();
  // Offline, the message waits with its id and goes out after the reconnect (sendQueued).
  const pending = { id: client.newId('m'), text, attachments, status: 'queued', error: null, uncertain: false };
  conv.pending.set(pending.id, pending);
  updatePendingNode(conv, pending);
  scrollToBottom();
  if (client.loggedIn) transmit(conv, pending);
}

/** Clicks on buttons inside the message list: retry / discard a pending message, or act on a sent one. */
function onMessageListClick(event) {
  const button = event.target.closest('button[data-action]');
  const conv = activeConversation();
  if (!button || !conv) return;
  if (button.dataset.clientId) {
    onPendingAction(conv, button);
    return;
  }
  const msg = conv.byId.get(button.closest('.message')?.dataset.messageId);
  if (msg && !msg.deleted) MESSAGE_ACTIONS[button.dataset.action]?.(conv, msg, button);
}

const MESSAGE_ACTIONS = {
  'react-menu': (conv, msg, button) => toggleReactionPicker(button),
  react: (conv, msg, button) => {
    toggleReactionPicker(button.closest('.message').querySelector('[data-action="react-menu"]'));
    toggleOwnReaction(msg, button.dataset.emoji);
  },
  'toggle-reaction': (conv, msg, button) => toggleOwnReaction(msg, button.dataset.emoji),
  edit: (conv, msg) => startEditing(conv, msg),
  delete: (conv, msg, button) => confirmThen(button, 'message.confirm_delete',
    () => runCommand(client.deleteMessage(msg.id))),
};

function onPendingAction(conv, button) {
  const pending = conv.pending.get(button.dataset.clientId);
  if (!pending) return;
  if (button.dataset.action === 'discard') {
    conv.pending.delete(pending.id);
    removePendingNode(conv, pending);
    el.empty.hidden = conv.messages.length + conv.pending.size > 0;
    return;
  }
  showComposerError('');
  if (client.loggedIn) transmit(conv, pending);
  else queue(conv, pending);
}

function onComposerKeydown(event) {
  if (event.key === 'Escape' && state.editing) {
    event.preventDefault();
    stopEditing();
    return;
  }
  if (event.key !== 'Enter' || event.shiftKey || event.isComposing || event.keyCode === 229) return;
  if (event.altKey || event.ctrlKey || event.metaKey) return;
  event.preventDefault();
  sendCurrent();
}

function onComposerInput() {
  autosize();
  if (!el.composerError.hidden) showComposerError('');
  if (!state.editing) announceTyping();
}

// ----------------------------------------------------------------- typing

/** Tells the others we are typing: at once, then again every few seconds while it goes on. */
function announceTyping() {
  const conv = activeConversation();
  if (!conv) return;
  if (el.composer.value.trim() === '') {
    stopTypingNotice();
    return;
  }
  const sent = state.typingSent;
  if (sent && sent.key === conv.key && Date.now() - sent.at < TYPING_REFRESH_MS) return;
  if (sent && sent.key !== conv.key) stopTypingNotice();
  sendOptional('typing', { ...conv.target, active: true });
  state.typingSent = { key: conv.key, target: conv.target, at: Date.now() };
}

/** Message sent, composer emptied, or conversation left: the others stop showing us typing. */
function stopTypingNotice() {
  const sent = state.typingSent;
  if (!sent) return;
  state.typingSent = null;
  sendOptional('typing', { ...sent.target, active: false });
}

function onTyping(payload) {
  if (typeof payload.from !== 'string' || sameName(payload.from, state.me)) return;
  const conv = knownConversation(payload, payload.from);
  if (conv) setTyping(conv, payload.from, payload.active === true);
}

/** Shows `name` typing in `conv` until the next refresh is overdue, or stops showing it. */
function setTyping(conv, name, active) {
  const key = fold(name);
  clearTimeout(conv.typing.get(key)?.timer);
  if (active) {
    const timer = setTimeout(() => setTyping(conv, name, false), TYPING_EXPIRY_MS);
    conv.typing.set(key, { name, timer });
  } else {
    conv.typing.delete(key);
  }
  if (conv.key === state.activeKey) renderTyping();
}

function renderTyping() {
  const names = [...(activeConversation()?.typing.values() || [])].map((entry) => entry.name).sort(byName);
  let text = '';
  if (names.length === 1) text = t('typing.one', { name: names[0] });
  else if (names.length === 2) text = t('typing.two', { first: names[0], second: names[1] });
  else if (names.length > 2) text = t('typing.many');
  el.typing.textContent = text;
  el.typing.dataset.names = names.join(',');
}

// --------------------------------------------------------- read receipts

/** `readSeqs` of a history page: how far each participant has read. */
function noteReadSeqs(conv, readSeqs) {
  if (!readSeqs || typeof readSeqs !== 'object') return;
  for (const [name, seq] of Object.entries(readSeqs)) noteReadBy(conv, name, seq);
}

function noteReadBy(conv, name, seq) {
  const value = Number(seq) || 0;
  if (sameName(name, state.me) || value <= 0) return;
  const known = conv.readBy.get(fold(name));
  if (!known || value > known.seq) conv.readBy.set(fold(name), { name, seq: value });
}

function onRead(payload) {
  if (typeof payload.by !== 'string') return;
  const conv = knownConversation(payload, payload.by);
  if (!conv) return;
  const seq = Number(payload.seq) || 0;
  if (sameName(payload.by, state.me)) {
    // Read on another device of ours.
    if (seq <= conv.readSeq) return;
    conv.readSeq = seq;
    saveReadMark(conv);
    if (seq >= conv.lastSeq) conv.unread = 0;
    renderSidebar();
    return;
  }
  noteReadBy(conv, payload.by, seq);
  renderReceipts(conv);
}

/** ✓ / ✓✓ on our direct messages; "Seen by" under our last message in a room. */
function renderReceipts(conv) {
  if (conv.key !== state.activeKey) return;
  if (conv.kind === 'direct') {
    const partnerSeq = conv.readBy.get(fold(conv.name))?.seq || 0;
    for (const ticks of el.messageList.querySelectorAll('.message[data-seq] [data-testid="message-ticks"]')) {
      setTicks(ticks, Number(ticks.closest('.message').dataset.seq) <= partnerSeq);
    }
    return;
  }
  el.messageList.querySelector('.seen-by')?.remove();
  const lastOwn = conv.messages.findLast((m) => sameName(m.from, state.me) && Number(m.seq) > 0 && !m.deleted);
  if (!lastOwn) return;
  const readers = [...conv.readBy.values()].filter((r) => r.seq >= Number(lastOwn.seq)).map((r) => r.name).sort(byName);
  const node = messageNode(messageId(lastOwn));
  if (readers.length === 0 || !node) return;
  const seen = document.createElement('p');
  seen.className = 'seen-by';
  seen.dataset.testid = 'seen-by';
  const shown = readers.slice(0, SEEN_BY_NAMES);
  seen.textContent = readers.length > shown.length
    ? t('receipts.seen_by_more', { names: shown.join(', '), count: readers.length - shown.length })
    : t('receipts.seen_by', { names: formatList(shown) });
  node.append(seen);
}

// --------------------------------------------------- reactions, edits, deletes

/** Runs a command frame; its failure is shown as a notice. */
async function runCommand(promise) {
  try {
    return await promise;
  } catch (e) {
    showNotice(sendErrorText(e));
    return null;
  }
}

/** First click arms a destructive button (its label asks again); a second click within a few seconds acts. */
function confirmThen(button, questionKey, action) {
  if (button.dataset.armed === 'true') {
    action();
    return;
  }
  const label = button.textContent;
  button.dataset.armed = 'true';
  button.textContent = t(questionKey);
  setTimeout(() => {
    button.dataset.armed = 'false';
    button.textContent = label;
  }, CONFIRM_WINDOW_MS);
}

/** Closes the open reaction picker, if any; true when there was one. */
function closeReactionPicker({ focusToggle = false } = {}) {
  const toggle = el.messageList.querySelector('[data-action="react-menu"][aria-expanded="true"]');
  el.messageList.querySelectorAll('.reaction-picker').forEach((picker) => picker.remove());
  toggle?.setAttribute('aria-expanded', 'false');
  if (toggle && focusToggle) toggle.focus();
  return Boolean(toggle);
}

function toggleReactionPicker(toggle) {
  const message = toggle.closest('.message');
  const open = message.querySelector('.reaction-picker');
  closeReactionPicker();
  if (open) return;
  toggle.setAttribute('aria-expanded', 'true');
  const picker = reactionPicker();
  message.append(picker);
  picker.querySelector('button').focus();
}

function toggleOwnReaction(msg, emoji) {
  if (!emoji) return;
  const on = !reactors(msg, emoji).some((u) => sameName(u, state.me));
  runCommand(client.react(msg.id, emoji, on));
}

/** Sets or clears `by`'s reaction `emoji` on a message. */
function applyReaction(msg, emoji, by, on) {
  const users = reactors(msg, emoji).filter((u) => !sameName(u, by));
  if (on) users.push(by);
  const reactions = { ...(msg.reactions || {}) };
  if (users.length > 0) reactions[emoji] = users;
  else delete reactions[emoji];
  msg.reactions = reactions;
}

/** The message an event is about, with its conversation, if this page has it. */
function eventMessage(payload, actor) {
  const conv = knownConversation(payload, actor);
  const msg = conv?.byId.get(String(payload.messageId));
  return msg ? { conv, msg } : null;
}

function onReaction(payload) {
  const found = eventMessage(payload, payload.by);
  if (!found || typeof payload.emoji !== 'string' || typeof payload.by !== 'string') return;
  applyReaction(found.msg, payload.emoji, payload.by, payload.on !== false);
  rerenderMessage(found.conv, found.msg);
}

function onMessageEdited(payload) {
  const found = eventMessage(payload, payload.from);
  if (!found) return;
  Object.assign(found.msg, { message: String(payload.message ?? ''), edited: true, editedAt: payload.editedAt });
  rerenderMessage(found.conv, found.msg);
  renderSidebar();
}

function onMessageDeleted(payload) {
  const found = eventMessage(payload, payload.from);
  if (!found) return;
  Object.assign(found.msg, { message: '', deleted: true, attachments: [], reactions: {} });
  if (state.editing?.messageId === found.msg.id) stopEditing();
  rerenderMessage(found.conv, found.msg);
  renderSidebar();
}

/** Edits go through the composer: it takes the message's text, Enter saves, Escape cancels. */
function startEditing(conv, msg) {
  if (!state.editing) conv.draft = el.composer.value;
  else messageNode(state.editing.messageId)?.classList.remove('editing');
  stopTypingNotice();
  state.editing = { key: conv.key, messageId: msg.id };
  messageNode(msg.id)?.classList.add('editing');
  el.editBar.hidden = false;
  el.composer.value = msg.message;
  autosize();
  el.composer.focus();
}

/** Back to writing new messages, with the draft that was there before editing. */
function stopEditing() {
  const editing = state.editing;
  if (!editing) return;
  state.editing = null;
  el.editBar.hidden = true;
  messageNode(editing.messageId)?.classList.remove('editing');
  el.composer.value = state.conversations.get(editing.key)?.draft || '';
  autosize();
}

async function submitEdit() {
  const { key, messageId: id } = state.editing;
  const conv = state.conversations.get(key);
  const msg = conv?.byId.get(id);
  const text = el.composer.value;
  if (!msg || msg.deleted || text === msg.message) {
    stopEditing();
    return;
  }
  if (text.trim() === '' && attachmentIds(msg.attachments) === '') {
    showComposerError(t('message.empty_edit'));
    return;
  }
  stopEditing();
  try {
    await client.editMessage(id, text);
  } catch (e) {
    // Keep the new text: back into editing it, with the reason.
    if (state.activeKey === key && !state.editing && !msg.deleted) {
      startEditing(conv, msg);
      el.composer.value = text;
      showComposerError(t('message.edit_failed', { reason: sendErrorText(e) }));
    } else {
      showNotice(t('message.edit_failed', { reason: sendErrorText(e) }));
    }
  }
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
    if (error.code === 'unknown_type') state.unsupported.add(type);
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
  // Keyboard users land in the drawer, on the open conversation.
  (el.sidebar.querySelector('[aria-current="true"]') || el.sidebar.querySelector('button'))?.focus();
}

const sidebarOpen = () => el.chatView.classList.contains('sidebar-open');

/** Alt+ArrowUp / Alt+ArrowDown: the previous / next conversation in the sidebar's order. */
function stepConversation(step) {
  const keys = [...el.sidebar.querySelectorAll('[data-testid="conversation"]')].map((b) => b.dataset.conversation);
  const next = keys[keys.indexOf(state.activeKey) + step];
  if (next) openConversation(next);
}

function onGlobalKeydown(event) {
  if (event.key === 'Escape' && !event.defaultPrevented) {
    if (closeReactionPicker({ focusToggle: true })) return;
    if (sidebarOpen()) {
      closeSidebar();
      el.menuToggle.focus();
    }
    return;
  }
  if (event.altKey && state.view === 'chat' && (event.key === 'ArrowUp' || event.key === 'ArrowDown')) {
    event.preventDefault();
    stepConversation(event.key === 'ArrowUp' ? -1 : 1);
  }
}

function closeSidebar() {
  el.chatView.classList.remove('sidebar-open');
  el.scrim.hidden = true;
  el.menuToggle.setAttribute('aria-expanded', 'false');
}


// ------------------------------------------------------------------ wiring

function init() {
  applyTheme(preference(THEME_KEY));
  applyLanguage(preference(LANGUAGE_KEY) || preferredLocale());

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
  el.composer.addEventListener('input', onComposerInput);
  el.editCancel.addEventListener('click', () => {
    stopEditing();
    el.composer.focus();
  });
  el.messageList.addEventListener('click', onMessageListClick);
  el.scroller.addEventListener('scroll', () => {
    state.pinnedToBottom = isNearBottom();
    if (el.scroller.scrollTop < 120) loadOlder(activeConversation());
  }, { passive: true });
  el.attach.addEventListener('click', () => el.fileInput.click());
  el.fileInput.addEventListener('change', () => {
    onFilesPicked(el.fileInput.files);
    el.fileInput.value = '';
  });
  wireFileDrop();

  el.newRoom.addEventListener('click', openCreateRoom);
  el.browseRooms.addEventListener('click', openBrowseRooms);
  el.roomForm.addEventListener('submit', onRoomFormSubmit);
  el.roomCancel.addEventListener('click', () => el.roomDialog.close());
  el.browseClose.addEventListener('click', () => el.browseDialog.close());
  el.browseList.addEventListener('click', onBrowseListClick);
  el.browseMore.addEventListener('click', () => loadBrowsePage(state.browseNext));
  el.invitationList.addEventListener('click', onInvitationClick);
  el.membersToggle.addEventListener('click', toggleMembers);
  el.inviteForm.addEventListener('submit', onInviteSubmit);
  el.leaveRoom.addEventListener('click', onLeaveClick);
  el.statusSelect.addEventListener('change', onStatusChange);
  el.bannerAction.addEventListener('click', onBannerAction);
  el.menuToggle.addEventListener('click', () => {
    if (sidebarOpen()) closeSidebar();
    else openSidebar();
  });
  el.scrim.addEventListener('click', closeSidebar);
  document.addEventListener('keydown', onGlobalKeydown);
  el.skipLink.addEventListener('click', (event) => {
    event.preventDefault();
    el.composer.focus();
  });
  el.languageToggle.addEventListener('click', () => chooseLanguage(el.languageToggle.dataset.language));
  el.languageSelect.addEventListener('change', () => chooseLanguage(el.languageSelect.value));
  el.themeSelect.addEventListener('change', () => chooseTheme(el.themeSelect.value));
  el.openSettings.addEventListener('click', openSettings);
  el.notifyToggle.addEventListener('change', onNotifyToggle);

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
  client.on('room', onRoom);
  client.on('member_joined', onMemberJoined);
  client.on('invited', onInvited);
  client.on('member_left', onMemberLeft);
  client.on('typing', onTyping);
  client.on('read', onRead);
  client.on('reaction', onReaction);
  client.on('message_edited', onMessageEdited);
  client.on('message_deleted', onMessageDeleted);
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
