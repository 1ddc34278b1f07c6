// The moderation events (protocol.md, "Moderation"): whether we are an administrator (welcome),
// a room's controls (`room`, `room_updated`), mutes, bans seen by moderators, a room deleted, and
// a message refused because we are muted. The views show them (views/room-controls.js,
// views/mod-actions.js, views/admin.js).

import { t } from '../i18n.js';
import { client, state } from './context.js';
import { applyBan, applyMute, applyRoomControls, isModerator, muteEndFromError } from './moderation-model.js';
import { conversationKey, sameName } from './state.js';
import { showNotice } from './views/common.js';
import { removeConversation, renderHeader } from './views/conversation.js';
import { openAdmin, renderAdminEntry } from './views/admin.js';
import { el } from './views/dom.js';
import { onMemberModerationClick, onMessageModerationClick } from './views/mod-actions.js';
import { openRoomSettings } from './views/room-controls.js';

/** The room of an event, if this page has it. */
const knownRoom = (payload) => (typeof payload.room === 'string'
  ? state.conversations.get(conversationKey('room', payload.room)) || null : null);

/** Re-renders the header (and with it the members panel and the composer) when `conv` is open. */
function refresh(conv) {
  if (conv && conv.key === state.activeKey) renderHeader();
}

function onWelcome(payload) {
  state.admin = payload.admin === true;
  // Controls may have changed while we were away: each room asks again when opened.
  state.conversations.forEach((conv) => { conv.controlsAsked = false; });
  renderAdminEntry();
  renderHeader();
}

function onRoom(payload) {
  const conv = knownRoom(payload);
  if (!conv) return;
  applyRoomControls(conv, payload, { full: true, me: state.me });
  conv.controlsAsked = true;
  refresh(conv);
}

function onRoomUpdated(payload) {
  const conv = knownRoom(payload);
  if (!conv) return;
  const wasModerator = isModerator(conv, state.me);
  applyRoomControls(conv, payload);
  // Named moderator (or no longer): the `room` event says who is banned and muted to moderators only.
  if (wasModerator !== isModerator(conv, state.me)) conv.controlsAsked = false;
  refresh(conv);
}

function onRoomDeleted(payload) {
  const conv = knownRoom(payload);
  if (!conv) return;
  removeConversation(conv);
  showNotice(t('moderation.room_deleted', { room: conv.name }));
}

/** Renamed: the room leaves the sidebar under its old name and comes back (its `room` event) under the new one. */
function onRoomRenamed(payload) {
  const conv = knownRoom(payload);
  if (!conv || typeof payload.name !== 'string') return;
  removeConversation(conv);
  showNotice(t('moderation.room_renamed', { room: conv.name, name: payload.name }));
  client.joinRoom(payload.name).catch(() => {});
}

function onMemberMuted(payload) {
  const conv = knownRoom(payload);
  if (!conv || typeof payload.username !== 'string') return;
  applyMute(conv, payload.username, payload.until);
  refresh(conv);
}

/** Removed or banned: the line is the rooms view's; here the banned list, and a word to the one it was. */
function onMemberLeft(payload) {
  if (typeof payload.username !== 'string' || !(payload.removed || payload.banned)) return;
  if (sameName(payload.username, state.me)) {
    showNotice(t(payload.banned ? 'moderation.you_banned' : 'moderation.you_removed', { room: payload.room }));
    return;
  }
  const conv = knownRoom(payload);
  if (!conv) return;
  if (payload.banned) applyBan(conv, payload.username, true);
  applyMute(conv, payload.username, null);
  refresh(conv);
}

/** A message of ours refused with `muted`: the error names the end of the mute; the composer says it. */
function onFrame(frame) {
  if (frame.type !== 'error' || frame.payload?.code !== 'muted') return;
  const until = muteEndFromError(frame.payload);
  const conv = [...state.conversations.values()].find((c) => c.pending.has(frame.payload.ref));
  if (!conv || !until) return;
  applyMute(conv, state.me, until);
  refresh(conv);
}

/**
 * After a reload the page knows a room only by name: `join_room` (a member already) answers with
 * its `room` event and controls, once per room, when it is opened.
 */
export function askRoomControls(conv) {
  if (conv?.kind !== 'room' || conv.controlsAsked || !client.loggedIn) return;
  conv.controlsAsked = true;
  client.joinRoom(conv.name).catch(() => { conv.controlsAsked = false; });
}

/**
 * Subscribes to the moderation events (after app/connection.js's listeners, which add and remove
 * rooms) and wires the moderation controls.
 */
export function wireModeration() {
  el.messageList.addEventListener('click', onMessageModerationClick);
  el.membersPanel.addEventListener('click', onMemberModerationClick);
  document.getElementById('room-settings').addEventListener('click', openRoomSettings);
  document.getElementById('open-admin').addEventListener('click', openAdmin);
  client.on('welcome', onWelcome);
  client.on('room', onRoom);
  client.on('room_updated', onRoomUpdated);
  client.on('room_deleted', onRoomDeleted);
  client.on('room_renamed', onRoomRenamed);
  client.on('member_muted', onMemberMuted);
  client.on('member_left', onMemberLeft);
  client.on('frame', onFrame);
}
