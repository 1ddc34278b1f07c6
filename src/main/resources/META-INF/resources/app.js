// The Majlis web page: login screen, then the chat (rooms, direct conversations, online list).
//
// Rule for everything below: user-supplied text (names, messages) reaches the DOM only through
// textContent / createTextNode / attribute setters, never through innerHTML.

import { MajlisClient } from './majlis-client.js';
import { t, errorText } from './i18n.js';

const STATUSES = ['online', 'away', 'busy'];
const GENERAL = 'general';
const HISTORY_PAGE = 50;

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
    this.readSeq = 0;                 // highest seq we reported as read
    this.unread = 0;
    this.historyLoaded = false;
    this.hasMoreBefore = false;
    this.draft = '';
  }

  get target() {
    return this.kind === 'room' ? { room: this.name } : { to: this.name };
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

let loginBusy = false;

async function onLoginSubmit(event) {
  event.preventDefault();
  if (loginBusy) return;
  const username = el.loginName.value.trim().normalize('NFC');
  if (!username) {
    showLoginError(t('error.empty_name'));
    el.loginName.focus();
    return;
  }
  loginBusy = true;
  showLoginError('');
  el.loginSubmit.disabled = true;
  el.loginSubmit.textContent = t('login.connecting');
  try {
    await client.login({ username });
    // The 'welcome' handler switches to the chat view.
  } catch (e) {
    showLoginError(errorText(e.code || 'disconnected'));
    el.loginName.focus();
    el.loginName.select();
  } finally {
    loginBusy = false;
    el.loginSubmit.disabled = false;
    el.loginSubmit.textContent = t('login.submit');
  }
}

function showView(view) {
  state.view = view;
  el.loginView.hidden = view !== 'login';
  el.chatView.hidden = view !== 'chat';
  updateBanner();
}

function backToLogin(errorCode) {
  state.me = null;
  state.users.clear();
  state.conversations.clear();
  state.activeKey = null;
  el.messageList.replaceChildren();
  showView('login');
  if (errorCode) showLoginError(errorText(errorCode));
  el.loginName.focus();
}

// ---------------------------------------------------------------- welcome

function onWelcome(payload) {
  const firstLogin = state.view !== 'chat' || !sameName(state.me, payload.username);
  state.me = payload.username;
  el.meName.textContent = state.me;

  state.users.clear();
  for (const u of Array.isArray(payload.users) ? payload.users : []) applyPresence(u);

  ensureConversation('room', GENERAL);
  for (const r of Array.isArray(payload.rooms) ? payload.rooms : []) {
    if (!r || typeof r.room !== 'string') continue;
    const conv = ensureConversation('room', r.room);
    conv.serverLastSeq = Number(r.lastSeq) || 0;
    if (firstLogin) conv.unread = Number(r.unread) || 0;
  }
  for (const d of Array.isArray(payload.directs) ? payload.directs : []) {
    if (!d || typeof d.to !== 'string') continue;
    const conv = ensureConversation('direct', d.to);
    conv.serverLastSeq = Number(d.lastSeq) || 0;
    if (firstLogin) conv.unread = Number(d.unread) || 0;
  }

  if (firstLogin) {
    state.myStatus = 'online';
    el.statusSelect.value = 'online';
    showView('chat');
    openConversation(state.activeKey && state.conversations.has(state.activeKey)
      ? state.activeKey : conversationKey('room', GENERAL));
    for (const conv of state.conversations.values()) loadNewest(conv);
  } else {
    // Reconnected: restore our status and fetch what we missed while away.
    if (state.myStatus !== 'online') client.setStatus(state.myStatus);
    for (const conv of state.conversations.values()) catchUp(conv);
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

async function loadNewest(conv) {
  if (!state.historySupported || conv.historyLoaded) return;
  try {
    const page = await client.history(conv.target, { limit: HISTORY_PAGE });
    conv.historyLoaded = true;
    conv.hasMoreBefore = Boolean(page.hasMore);
    addMessages(conv, page.messages, { fromHistory: true });
  } catch (e) {
    if (!historyUnsupported(e)) console.info('majlis: history not loaded', conv.key, e.code);
  }
}

async function catchUp(conv) {
  if (!state.historySupported) return;
  if (!conv.historyLoaded) {
    await loadNewest(conv);
    return;
  }
  // Ask for everything after the last message we saw, page by page.
  for (let guard = 0; guard < 20; guard++) {
    if (conv.serverLastSeq && conv.serverLastSeq <= conv.lastSeq) return;
    try {
      const page = await client.history(conv.target, { after: conv.lastSeq, limit: 200 });
      const before = conv.lastSeq;
      addMessages(conv, page.messages, { fromHistory: true, countUnread: true });
      if (!page.hasMore || conv.lastSeq === before) return;
    } catch (e) {
      historyUnsupported(e);
      return;
    }
  }
}

// --------------------------------------------------------------- messages

function messageId(msg) {
  return msg.id != null ? String(msg.id) : `${msg.from}|${msg.seq}|${msg.timestamp || msg.sent}`;
}

/** Adds messages (history pages or live) to a conversation; re-renders when it is open. */
function addMessages(conv, messages, { fromHistory = false, countUnread = false } = {}) {
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
    if ((!fromHistory || countUnread) && !mine && !isReading(conv)) conv.unread += 1;
  }
  if (fresh.length === 0) return;
  if (!appendedInOrder) conv.messages.sort((a, b) => (Number(a.seq) || 0) - (Number(b.seq) || 0));

  if (conv.key === state.activeKey) {
    const stick = isNearBottom() || fresh.some((m) => sameName(m.from, state.me));
    if (appendedInOrder && !fromHistory) fresh.forEach((m) => el.messageList.append(renderMessage(m)));
    else renderMessages(conv);
    el.empty.hidden = conv.messages.length > 0;
    if (stick || fromHistory) scrollToBottom();
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
  if (conv.lastSeq > conv.readSeq && client.loggedIn) {
    conv.readSeq = conv.lastSeq;
    sendOptional('read', { ...conv.target, seq: conv.lastSeq });
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

function renderMessage(msg) {
  const mine = sameName(msg.from, state.me);
  const li = document.createElement('li');
  li.className = mine ? 'message mine' : 'message';
  li.dir = 'auto';
  li.dataset.testid = 'message';
  li.dataset.messageId = messageId(msg);
  if (msg.seq != null) li.dataset.seq = String(msg.seq);
  li.dataset.from = String(msg.from ?? '');

  const meta = document.createElement('div');
  meta.className = 'message-meta';
  const from = document.createElement('bdi');
  from.className = 'message-from';
  from.dataset.testid = 'message-from';
  from.textContent = String(msg.from ?? '');
  const time = document.createElement('time');
  time.className = 'message-time';
  time.dataset.testid = 'message-time';
  const when = formatTime(msg);
  time.textContent = when.text;
  if (when.iso) time.dateTime = when.iso;
  if (when.full) time.title = when.full;
  meta.append(from, time);

  const text = document.createElement('div');
  text.className = 'message-text';
  text.dir = 'auto';
  text.dataset.testid = 'message-text';
  if (msg.deleted) {
    text.classList.add('deleted');
    text.textContent = '—';
  } else {
    text.textContent = String(msg.message ?? '');
  }
  li.append(meta, text);

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

function renderMessages(conv) {
  const fragment = document.createDocumentFragment();
  for (const msg of conv.messages) fragment.append(renderMessage(msg));
  el.messageList.replaceChildren(fragment);
  el.empty.hidden = conv.messages.length > 0;
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
  closeSidebar();
  if (!conv.historyLoaded) loadNewest(conv);
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
  el.composer.style.height = 'auto';
  el.composer.style.height = `${Math.min(el.composer.scrollHeight, 200)}px`;
}

async function sendCurrent() {
  const conv = activeConversation();
  const text = el.composer.value;
  if (!conv || text.trim() === '') return;
  if (!client.loggedIn) {
    showComposerError(errorText('disconnected'));
    return;
  }
  showComposerError('');
  el.composer.value = '';
  conv.draft = '';
  autosize();
  try {
    if (conv.kind === 'room') await client.sendMessage(conv.name, text);
    else await client.privateMessage(conv.name, text);
  } catch (e) {
    // Give the text back so nothing typed is lost.
    if (state.activeKey === conv.key && el.composer.value === '') {
      el.composer.value = text;
      autosize();
    } else if (!conv.draft) {
      conv.draft = text;
    }
    let message = errorText(e.code || 'internal');
    if (e.code === 'rate_limited' && e.payload?.retryAfterMs) {
      message += ` (${Math.ceil(e.payload.retryAfterMs / 1000)} s)`;
    }
    if (state.activeKey === conv.key) showComposerError(message);
    else showNotice(message);
  }
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

  el.composerForm.addEventListener('submit', (event) => {
    event.preventDefault();
    sendCurrent();
  });
  el.composer.addEventListener('keydown', onComposerKeydown);
  el.composer.addEventListener('input', () => {
    autosize();
    if (!el.composerError.hidden) showComposerError('');
  });
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
  client.on('state', updateBanner);
  client.on('login_failed', (e) => backToLogin(e.code));

  showView('login');
  el.loginName.focus();
}

init();
