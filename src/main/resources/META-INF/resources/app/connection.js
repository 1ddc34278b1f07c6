// The connection's events: the welcome of each login (first one, and after every reconnect: the
// catch-up, then the messages queued meanwhile), new messages and what happens to them,
// typing, read marks, profiles changed, errors, and the connection ending for good (presence:
// presence.js).

import { errorText, t } from '../i18n.js';
import { mentions } from '../majlis-client.js';
import { namedIn } from '../notifications.js';
import { client, mutes, notifier, optionalFrames, profiles, sessionStore, state } from './context.js';
import { catchUp, loadLatest } from './history.js';
import { applyReaction, messageId, noteOwnRead, noteReadBy, refreshQuotes, unreadFromServer } from './messages-model.js';
import { onPresence, onUsers, welcomePresence } from './presence.js';
import { GENERAL, conversationKey, sameName } from './state.js';
import { addMessages, outbox, setTyping } from './updates.js';
import { renderAccountButton } from './views/account.js';
import { updateBanner } from './views/banner.js';
import { clip, messageSummary, showNotice } from './views/common.js';
import { stopEditing, uploads } from './views/composer.js';
import { openConversation, removeConversation, renderHeader, restoreTabPlace } from './views/conversation.js';
import { el } from './views/dom.js';
import { renderReceipts, rerenderMessage } from './views/message-list.js';
import { showProfileChanges } from './views/profile-view.js';
import { applyInvitations, onInvited, onMemberInvited, onMemberJoined, onMemberLeft, onRoom } from './views/rooms.js';
import { backToLogin, showView } from './views/signin.js';
import { renderSidebar } from './views/sidebar.js';

const ANNOUNCE_LENGTH = 200;      // characters of a new message read out by screen readers

function onWelcome(payload) {
  const firstLogin = state.view !== 'chat' || !sameName(state.me, payload.username);
  if (firstLogin && state.me && !sameName(state.me, payload.username)) {
    state.conversations.clear();
    state.activeKey = null;
  }
  state.me = payload.username;
  state.guest = payload.guest !== false;
  sessionStore.saveSession(payload);
  uploads.setMaxBytes(payload.maxFileSize);
  mutes.load(state.me);
  el.meName.textContent = state.me;
  el.meKind.textContent = t(state.guest ? 'account.guest' : 'account.member');
  renderAccountButton();

  welcomePresence(payload);

  // Where each known conversation stood before this login: gaps are fetched from there.
  const seenBefore = new Map([...state.conversations.values()].map((c) => [c.key, c.lastSeq]));

  const general = state.ensureConversation('room', GENERAL);
  const listed = [];
  for (const r of Array.isArray(payload.rooms) ? payload.rooms : []) {
    if (r && typeof r.room === 'string') {
      const room = state.ensureConversation('room', r.room);
      room.isPrivate = r.private === true;
      listed.push([room, r]);
    }
  }
  forgetRoomsLeftMeanwhile(listed.map(([conv]) => conv));
  for (const d of Array.isArray(payload.directs) ? payload.directs : []) {
    if (d && typeof d.to === 'string') listed.push([state.ensureConversation('direct', d.to), d]);
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
      ? state.activeKey : restoreTabPlace() || general.key);
  } else {
    // Reconnected: restore our status and fetch what we missed while away.
    if (state.myStatus !== 'online') client.setStatus(state.myStatus);
    // Messages written while offline go out once the gaps are filled: one whose send got no
    // answer is then known to be stored (it came back in the catch-up) or not (it is sent again).
    const caughtUp = [...state.conversations.values()].map((conv) => catchUp(conv, seenBefore.get(conv.key) ?? conv.lastSeq));
    Promise.allSettled(caughtUp).then(() => outbox.sendQueued(state.conversations.values()));
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

function onNewMessage(msg) {
  if (!msg || typeof msg !== 'object') return;
  const conv = state.conversationOfMessage(msg);
  const isNew = !conv.byId.has(messageId(msg));
  addMessages(conv, [msg]);
  // A muted conversation says nothing, unless it is the one being read.
  if (!isNew || sameName(msg.from, state.me) || (mutes.has(conv.key) && conv.key !== state.activeKey)) return;
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

/** A desktop notification for a direct message or a mention of our name (@name, or the name as a word), while the tab is hidden. */
function notifyDesktop(conv, msg) {
  if (document.visibilityState !== 'hidden') return;
  const direct = conv.kind === 'direct';
  if (!direct && !mentions(msg, state.me) && !namedIn(msg.message, state.me)) return;
  notifier.show(direct ? t('notify.direct', { name: msg.from }) : t('notify.mention', { name: msg.from, room: conv.name }), {
    body: clip(messageSummary(msg), ANNOUNCE_LENGTH),
    tag: conv.key,
    onClick: () => openConversation(conv.key),
  });
}

function onTyping(payload) {
  if (typeof payload.from !== 'string' || sameName(payload.from, state.me)) return;
  const conv = state.knownConversation(payload, payload.from);
  if (conv) setTyping(conv, payload.from, payload.active === true);
}

function onRead(payload) {
  if (typeof payload.by !== 'string') return;
  const conv = state.knownConversation(payload, payload.by);
  if (!conv) return;
  const seq = Number(payload.seq) || 0;
  if (sameName(payload.by, state.me)) {
    // Read on another device of ours.
    if (!noteOwnRead(conv, seq)) return;
    sessionStore.saveReadMark(state.me, conv);
    renderSidebar();
    return;
  }
  noteReadBy(conv, payload.by, seq, state.me);
  renderReceipts(conv);
}

/** The message an event is about, with its conversation, if this page has it. */
function eventMessage(payload, actor) {
  const conv = state.knownConversation(payload, actor);
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
  updateQuotes(payload, String(payload.message ?? ''));
  const found = eventMessage(payload, payload.from);
  if (!found) return;
  Object.assign(found.msg, { message: String(payload.message ?? ''), edited: true, editedAt: payload.editedAt,
    mentions: Array.isArray(payload.mentions) ? payload.mentions : [] });
  rerenderMessage(found.conv, found.msg);
  renderSidebar();
}

function onMessageDeleted(payload) {
  updateQuotes(payload, null);
  const found = eventMessage(payload, payload.from);
  if (!found) return;
  Object.assign(found.msg, { message: '', deleted: true, removed: payload.removed === true, attachments: [], reactions: {} });
  if (state.editing?.messageId === found.msg.id) stopEditing();
  rerenderMessage(found.conv, found.msg);
  renderSidebar();
}

/** Replies loaded here quote the message edited (`text`) or deleted (null), loaded or not. */
function updateQuotes(payload, text) {
  const conv = state.knownConversation(payload, payload.from);
  if (conv) refreshQuotes(conv, payload.messageId, text).forEach((reply) => rerenderMessage(conv, reply));
}

function onServerError(error) {
  if (optionalFrames.absorb(error)) return;
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
    sessionStore.clear();
    client.session = null;
    backToLogin(info.reason && /expir/i.test(info.reason) ? 'session_expired' : 'policy_closed');
  }
}

/** Subscribes the page to the client's events. */
export function listen() {
  client.on('welcome', onWelcome);
  client.on('new_message', onNewMessage);
  client.on('room', onRoom);
  client.on('member_joined', onMemberJoined);
  client.on('invited', onInvited);
  client.on('member_invited', onMemberInvited);
  client.on('member_left', onMemberLeft);
  client.on('typing', onTyping);
  client.on('read', onRead);
  client.on('reaction', onReaction);
  client.on('message_edited', onMessageEdited);
  client.on('message_deleted', onMessageDeleted);
  client.on('presence', onPresence);
  client.on('users', onUsers);
  client.on('profile_changed', (profile) => profiles.apply(profile));
  showProfileChanges();
  client.on('error', onServerError);
  client.on('state', onStateChange);
  client.on('login_failed', (e) => {
    if (e.code === 'auth_failed') sessionStore.clear();
    backToLogin(e.code === 'auth_failed' ? 'session_expired' : e.code);
  });
}
