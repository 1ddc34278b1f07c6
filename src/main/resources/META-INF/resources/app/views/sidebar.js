// The sidebar: rooms, direct conversations with previews and unread badges, who is online
// (views/online.js); the unread count in the tab title; the drawer on small screens.

import { getLocale, plural, t } from '../../i18n.js';
import { client, mutes, state } from '../context.js';
import { lastActivity, lastMessage } from '../messages-model.js';
import { byName } from '../name-lists.js';
import { GENERAL, STATUSES, fold, sameName } from '../state.js';
import { clip, messageSummary, replaceKeepingFocus } from './common.js';
import { el } from './dom.js';
import { renderOnline } from './online.js';

const PREVIEW_LENGTH = 80;        // characters of the last message shown under a conversation's name

/** "(3) Majlis": the unread count in the tab title. */
export function updateTitle(unread) {
  document.title = unread > 0 ? `(${unread > 999 ? '999+' : unread}) ${t('app.title')}` : t('app.title');
}

/** "Online", "Away", "Busy", or for someone offline "Last seen 14:05" when the page saw them go. */
export function presenceText(name) {
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
    preview.append(...previewNodes(conv, last));
    text.append(preview);
  }
  button.append(icon, text);

  if (mutes.has(conv.key)) {
    button.classList.add('is-muted');
    const bell = document.createElement('span');
    bell.className = 'muted-mark';
    bell.dataset.testid = 'muted-mark';
    bell.textContent = '🔕';
    bell.title = t('mute.muted');
    bell.setAttribute('aria-label', bell.title);
    button.append(bell);
  } else if (conv.unread > 0 && !active) {
    button.classList.add('has-unread');
    const badge = document.createElement('span');
    badge.className = 'badge';
    badge.dataset.testid = 'unread';
    badge.textContent = conv.unread > 99 ? '99+' : String(conv.unread);
    badge.title = t('chat.unread', { count: conv.unread });
    if (conv.unreadMentions > 0) {
      // "@" before the count: something here names you.
      badge.classList.add('mention');
      badge.dataset.mention = 'true';
      badge.textContent = `@ ${badge.textContent}`;
      badge.title = `${badge.title} ${plural('chat.unread_mentions', conv.unreadMentions)}`;
    }
    button.append(badge);
  }
  li.append(button);
  return li;
}

/**
 * "You: …", "sara: …" in a room, the text alone in a direct conversation (named after the
 * partner). The label is isolated (<bdi>), so the preview's `dir="auto"` follows the message's
 * own text: an Arabic message in the English interface is cut at its end, not its start.
 */
function previewNodes(conv, msg) {
  const text = clip(messageSummary(msg), PREVIEW_LENGTH);
  const mine = sameName(msg.from, state.me);
  if (!mine && conv.kind !== 'room') return [text];
  const MARK = '\u0000';
  const [before, after] = t(mine ? 'preview.mine' : 'preview.theirs', { name: msg.from, text: MARK }).split(MARK);
  // The space after "You:" stays outside the isolated label, between it and the text.
  const label = document.createElement('bdi');
  label.className = 'preview-label';
  label.textContent = before.trimEnd();
  return [label, before.slice(label.textContent.length) + text, after];
}

/** '#' for a public room, a padlock (drawn, not an emoji: no emoji font needed) for a private one. */
export function fillRoomIcon(icon, isPrivate) {
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

export function renderSidebar() {
  if (state.view !== 'chat') return;
  const all = [...state.conversations.values()];
  const rooms = all.filter((c) => c.kind === 'room')
    .sort((a, b) => (a.name === GENERAL ? -1 : b.name === GENERAL ? 1 : byName(a.name, b.name)));
  // The most recent direct conversation first, like a phone's message list.
  const directs = all.filter((c) => c.kind === 'direct')
    .sort((a, b) => lastActivity(b) - lastActivity(a) || byName(a.name, b.name));
  replaceKeepingFocus(el.roomList, rooms.map(conversationItem), 'conversation');
  replaceKeepingFocus(el.directList, directs.map(conversationItem), 'conversation');
  el.noDirects.hidden = directs.length > 0;

  renderOnline();

  el.meDot.dataset.status = state.myStatus;

  // The open conversation counts too while the tab is hidden (nobody reads it then).
  const unread = all.reduce((n, c) => n + (mutes.has(c.key) ? 0 : c.unread), 0);
  el.menuUnread.hidden = unread === 0;
  el.menuUnread.textContent = unread > 99 ? '99+' : String(unread);
  updateTitle(unread);
}

export function openSidebar() {
  el.chatView.classList.add('sidebar-open');
  el.scrim.hidden = false;
  el.menuToggle.setAttribute('aria-expanded', 'true');
  // Keyboard users land in the drawer, on the open conversation.
  (el.sidebar.querySelector('[aria-current="true"]') || el.sidebar.querySelector('button'))?.focus();
}

export const sidebarOpen = () => el.chatView.classList.contains('sidebar-open');

export function closeSidebar() {
  el.chatView.classList.remove('sidebar-open');
  el.scrim.hidden = true;
  el.menuToggle.setAttribute('aria-expanded', 'false');
}

export function onStatusChange() {
  const status = el.statusSelect.value;
  if (STATUSES.includes(status)) setMyStatus(status);
}

/** Sets our status (chosen, or automatic "away") and tells the server. */
export function setMyStatus(status) {
  state.myStatus = status;
  el.statusSelect.value = status;
  client.setStatus(status);
  renderSidebar();
}
