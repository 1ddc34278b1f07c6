// Rooms: joining one (described by `room`), members coming and going, invitations, creating a
// room, and the dialog that lists rooms to join.

import { plural, t } from '../../i18n.js';
import { client, state } from '../context.js';
import { byName } from '../name-lists.js';
import { GENERAL, conversationKey, fold, sameName } from '../state.js';
import { setTyping } from '../updates.js';
import { runCommand, sendErrorText, showFieldError } from './common.js';
import { openConversation, removeConversation, renderHeader } from './conversation.js';
import { el } from './dom.js';
import { addSystemLine } from './message-list.js';
import { fillRoomIcon, renderSidebar } from './sidebar.js';

/** `room`: we became a member of a room (created it, joined it, accepted an invitation), with its full description. */
export function onRoom(payload) {
  if (typeof payload.room !== 'string') return;
  if (state.invitations.delete(fold(payload.room))) renderInvitations();
  const conv = state.ensureConversation('room', payload.room);
  conv.isPrivate = payload.private === true;
  conv.owner = typeof payload.owner === 'string' ? payload.owner : null;
  if (Array.isArray(payload.members)) {
    conv.members = payload.members.map(String);
    conv.memberCount = conv.members.length;
  }
  renderSidebar();
  if (conv.key === state.activeKey) renderHeader();
}

export function onInvited(payload) {
  if (typeof payload.room !== 'string') return;
  state.invitations.set(fold(payload.room), payload);
  renderInvitations();
}

/** The first page of `rooms` lists every pending invitation. */
export function applyInvitations(reply) {
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

export async function onInvitationClick(event) {
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

export function onMemberJoined(payload) {
  const conv = roomOfMemberEvent(payload);
  if (!conv) return;
  if (conv.members && !conv.members.some((m) => sameName(m, payload.username))) {
    conv.members.push(payload.username);
    conv.memberCount = conv.members.length;
  } else if (!conv.members && conv.memberCount != null) {
    conv.memberCount += 1;
  }
  if (conv.key === state.activeKey) renderHeader();
  addSystemLine(conv, 'system.joined', { name: payload.username });
}

export function onMemberLeft(payload) {
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
  // Removed or banned by a moderator (app/moderation.js tells the one it was).
  const line = payload.banned ? 'system.banned' : payload.removed ? 'system.removed' : 'system.left';
  addSystemLine(conv, line, { name: payload.username });
}

/** `member_invited`, to every member (the inviter too): "sara invited omar", "You invited omar". */
export function onMemberInvited(payload) {
  const conv = roomOfMemberEvent(payload);
  if (!conv || typeof payload.by !== 'string') return;
  if (sameName(payload.by, state.me)) addSystemLine(conv, 'system.you_invited', { name: payload.username });
  else addSystemLine(conv, 'system.invited', { by: payload.by, name: payload.username });
}

function roomOfMemberEvent(payload) {
  if (typeof payload.room !== 'string' || typeof payload.username !== 'string') return null;
  return state.conversations.get(conversationKey('room', payload.room)) || null;
}

export function openCreateRoom() {
  el.roomForm.reset();
  showRoomError('');
  el.roomDialog.showModal();
  el.roomName.focus();
}

const showRoomError = (text) => showFieldError(el.roomError, el.roomName, text);

function roomErrorText(e) {
  if (e.code === 'invalid_payload') return t('rooms.name_invalid');
  if (e.code === 'user_not_found') return t('rooms.member_not_found');
  return sendErrorText(e);
}

export async function onRoomFormSubmit(event) {
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

export async function openBrowseRooms() {
  el.browseList.replaceChildren();
  el.browseMore.hidden = true;
  showBrowseStatus(t('rooms.loading'));
  el.browseDialog.showModal();
  await loadBrowsePage(null);
}

/** Adds a page of the room list (the first when `after` is null) to the dialog. */
export async function loadBrowsePage(after) {
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

export async function onBrowseListClick(event) {
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
