// The list's reading aids: messages of one sender grouped under one name and time, avatars, date
// lines, the "New messages" line where the unread start (and opening there), and the "Jump to
// latest" button with how many new messages are below while scrolled up.

import { getLocale, plural, t } from '../../i18n.js';
import { state } from '../context.js';
import { sameName } from '../state.js';
import { avatarHue, dayOf, initials, startsDay } from '../timeline.js';
import { el } from './dom.js';
import { fillAvatar } from './profile-view.js';

/** Marks `li` as the continuation of a group or gives it its avatar; hides our own name in a direct conversation. */
export function decorateMessage(li, conv, msg, grouped) {
  if (grouped) li.classList.add('grouped');
  else if (!li.classList.contains('mine')) li.prepend(avatarNode(msg.from));
  // Your own name is in the sidebar already: a direct conversation does not repeat it (screen readers still read it).
  const ownInDirect = conv?.kind === 'direct' && sameName(msg.from, state.me);
  if (ownInDirect) li.querySelector('.message-from')?.classList.add('visually-hidden');
}

function avatarNode(name) {
  const avatar = document.createElement('span');
  avatar.className = 'avatar';
  avatar.dataset.testid = 'avatar';
  avatar.setAttribute('aria-hidden', 'true');
  avatar.textContent = initials(name);
  // CSSOM from script: allowed under the page's `style-src 'self'`.
  avatar.style.setProperty('--avatar-hue', String(avatarHue(name)));
  fillAvatar(avatar, name);
  return avatar;
}

/** The date line before `msg`, when its day is not `prev`'s: "Today", "Yesterday", or the date. */
export function dayLine(prev, msg) {
  if (!startsDay(prev, msg)) return null;
  const li = document.createElement('li');
  li.className = 'day-line';
  li.dataset.testid = 'day-line';
  li.setAttribute('role', 'separator');
  li.textContent = dayLabel(msg);
  li.setAttribute('aria-label', li.textContent);
  return li;
}

function dayLabel(msg) {
  const day = dayOf(msg);
  const now = new Date();
  const yesterday = new Date(now.getFullYear(), now.getMonth(), now.getDate() - 1);
  if (day === dayOf({ timestamp: now.toISOString() })) return t('date.today');
  if (day === dayOf({ timestamp: yesterday.toISOString() })) return t('date.yesterday');
  const date = new Date(msg.timestamp);
  return date.toLocaleDateString(getLocale(), {
    weekday: 'long', day: 'numeric', month: 'long', year: date.getFullYear() === now.getFullYear() ? undefined : 'numeric',
  });
}

/**
 * The first unread message of the conversation as it was opened (`conv.unreadAtOpen` messages
 * from others, counted from the end), or null (none, or not loaded yet).
 */
export function firstUnread(conv) {
  let left = conv.unreadAtOpen || 0;
  if (left === 0) return null;
  for (let i = conv.messages.length - 1; i >= 0; i--) {
    if (!sameName(conv.messages[i].from, state.me) && --left === 0) return conv.messages[i];
  }
  return conv.hasMoreBefore ? null : conv.messages[0] || null;
}

/** The conversation opens at its first unread message, which is older than the pages loaded so far. */
export function unreadNotLoaded(conv) {
  return conv.jumpToUnread && conv.historyLoaded && conv.hasMoreBefore && firstUnread(conv) === null;
}

export function unreadLine() {
  const li = document.createElement('li');
  li.className = 'unread-line';
  li.dataset.testid = 'unread-line';
  li.setAttribute('role', 'separator');
  li.textContent = t('chat.new_messages');
  li.setAttribute('aria-label', li.textContent);
  return li;
}

/**
 * After the list was drawn: a conversation just opened with unread messages shows the first of
 * them at the top (once it is loaded); otherwise the end when `stick`.
 */
export function settleScroll(conv, stick) {
  if (!jumpToFirstUnread(conv) && stick) scrollToBottom();
  renderJumpButton();
}

/** A conversation just opened with unread messages: the first of them at the top, once loaded; true when done. */
export function jumpToFirstUnread(conv) {
  const line = el.messageList.querySelector('.unread-line');
  if (!conv.jumpToUnread || !line) return false;
  el.scroller.scrollTop = Math.max(0, line.offsetTop - 8);
  state.pinnedToBottom = isNearBottom();
  if (conv.historyLoaded) conv.jumpToUnread = false;
  renderJumpButton();
  return true;
}

export function isNearBottom() {
  const s = el.scroller;
  return s.scrollHeight - s.scrollTop - s.clientHeight < 80;
}

export function scrollToBottom() {
  el.scroller.scrollTop = el.scroller.scrollHeight;
  state.pinnedToBottom = true;
  renderJumpButton();
}

/** "Jump to latest" while scrolled up, with the number of new messages that came below meanwhile. */
export function renderJumpButton() {
  const conv = state.activeConversation();
  const show = Boolean(conv) && !state.pinnedToBottom && el.messageList.childElementCount > 0;
  if (!show && conv) conv.newBelow = 0;
  el.jumpLatest.hidden = !show;
  el.jumpLatest.textContent = conv?.newBelow > 0 ? plural('chat.jump_latest_count', conv.newBelow) : t('chat.jump_latest');
}
