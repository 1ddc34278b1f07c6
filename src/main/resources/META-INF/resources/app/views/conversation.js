// The open conversation: switching to one, its header, and the whole chat screen redrawn.

import { plural, t } from '../../i18n.js';
import { mutes, state, tabStore } from '../context.js';
import { fillViewport, loadNewest, loadThrough } from '../history.js';
import { showingPresence } from '../presence.js';
import { GENERAL, conversationKey, isGroupRoom, sameName } from '../state.js';
import { markRead } from '../updates.js';
import { updateBanner } from './banner.js';
import { showComposerError } from './common.js';
import { composerChanged, stopEditing, stopTypingNotice } from './composer.js';
import { el } from './dom.js';
import { messageNode, renderHistoryStatus, renderMessages, renderTyping, settleScroll } from './message-list.js';
import { renderMembers } from './members.js';
import { cancelReply } from './reply.js';
import { renderRoomControls } from './room-controls.js';
import { closeSidebar, fillRoomIcon, presenceText, renderSidebar } from './sidebar.js';
import { isNearBottom, renderJumpButton } from './timeline-view.js';

export function openConversation(key) {
  const conv = state.conversations.get(key);
  if (!conv) return;
  const previous = state.activeConversation();
  if (previous !== conv) {
    stopEditing();
    cancelReply();
    stopTypingNotice();
  }
  if (previous && previous !== conv) {
    previous.draft = el.composer.value;
    previous.unreadAtOpen = 0;
  }
  if (previous !== conv) {
    // Where the unread start, unless everything is unread (new here: the newest is what matters).
    const all = Math.max(conv.lastSeq, conv.serverLastSeq);
    conv.unreadAtOpen = conv.unread > 0 && conv.unread < all ? conv.unread : 0;
    conv.jumpToUnread = conv.unreadAtOpen > 0;
    conv.newBelow = 0;
  }
  state.activeKey = key;
  tabStore.saveOpenConversation(state.me, conv);
  el.composer.value = conv.draft || '';
  showComposerError('');
  renderHeader();
  // After the header: an empty composer's height counts its placeholder, which the header sets.
  composerChanged();
  renderMessages(conv);
  renderTyping();
  settleScroll(conv, true);
  markRead(conv);
  renderSidebar();
  renderHistoryStatus();
  closeSidebar();
  if (!conv.historyLoaded) loadNewest(conv);
  else fillViewport(conv);
  if (window.matchMedia('(min-width: 721px)').matches) el.composer.focus();
}

const FLASH_MS = 2500;

/**
 * Opens a conversation at one of its messages (`id`, and `seq` when known): the history back to
 * it loaded, the message in the middle of the pane, flashed, and (with `focus`) focused.
 */
export async function openConversationAt(key, id, seq, { focus = false } = {}) {
  if (state.activeKey !== key) openConversation(key);
  const conv = state.conversations.get(key);
  if (!conv) return;
  conv.jumpToUnread = false;
  await loadThrough(conv, { id, seq: Number(seq) || null });
  const node = state.activeKey === key ? messageNode(String(id)) : null;
  if (!node) return;
  node.scrollIntoView({ block: 'center' });
  state.pinnedToBottom = isNearBottom();
  renderJumpButton();
  node.classList.add('flash');
  setTimeout(() => messageNode(String(id))?.classList.remove('flash'), FLASH_MS);
  if (focus) node.focus({ preventScroll: true });
}

/**
 * After a reload: the drafts this tab kept, and the key of the conversation it had open (a room
 * is only reopened while we are in it), or null.
 */
export function restoreTabPlace() {
  for (const { kind, name, text } of Object.values(tabStore.drafts(state.me))) {
    const known = kind === 'direct' || state.conversations.has(conversationKey(kind, name));
    if (known) state.ensureConversation(kind, name).draft = text;
  }
  const open = tabStore.openConversation(state.me);
  if (!open || sameName(open.name, state.me)) return null;
  if (open.kind === 'direct') return state.ensureConversation('direct', open.name).key;
  const key = conversationKey('room', open.name);
  return state.conversations.has(key) ? key : null;
}

export function openDirect(username) {
  if (sameName(username, state.me)) return;
  const conv = state.ensureConversation('direct', username);
  openConversation(conv.key);
}

export function renderHeader() {
  const conv = state.activeConversation();
  if (!conv) return;
  renderTitle(conv);
  el.title.dataset.conversation = conv.key;
  el.roomActions.hidden = !isGroupRoom(conv);
  const muted = mutes.has(conv.key);
  el.muteToggle.setAttribute('aria-pressed', String(muted));
  el.muteToggle.textContent = t(muted ? 'mute.unmute' : 'mute.mute');
  el.muteToggle.title = t(muted ? 'mute.muted_hint' : 'mute.hint');
  renderMembers();
  if (conv.kind === 'room') {
    const parts = [t(conv.isPrivate ? 'chat.private_room' : 'chat.room_title')];
    if (conv.memberCount != null && isGroupRoom(conv)) parts.push(plural('rooms.member_count', conv.memberCount));
    el.subtitle.textContent = parts.join(' · ');
  } else {
    el.subtitle.textContent = presenceText(conv.name);
  }
  showingPresence('direct', conv.kind === 'direct' ? [conv.name] : []);
  el.composer.placeholder = conv.kind === 'room'
    ? t('chat.composer_placeholder_room', { name: conv.name })
    : t('chat.composer_placeholder_direct', { name: conv.name });
  renderRoomControls(conv);
}

/** The room's name after the sidebar's icon ('#', or the padlock of a private room); a person's name alone. */
function renderTitle(conv) {
  if (conv.kind !== 'room') {
    el.title.textContent = conv.name;
    return;
  }
  const icon = document.createElement('span');
  icon.className = 'title-icon';
  icon.dataset.testid = 'title-icon';
  icon.setAttribute('aria-hidden', 'true');
  fillRoomIcon(icon, conv.isPrivate);
  const name = document.createElement('bdi');
  name.textContent = conv.name;
  el.title.replaceChildren(icon, ' ', name);
}

/** Mutes or unmutes the open conversation. */
export function toggleMute() {
  if (!state.activeKey) return;
  mutes.toggle(state.activeKey);
  renderHeader();
  renderSidebar();
}

export function removeConversation(conv) {
  conv.typing.forEach((entry) => clearTimeout(entry.timer));
  state.conversations.delete(conv.key);
  if (state.activeKey === conv.key) openConversation(conversationKey('room', GENERAL));
  renderSidebar();
}

/** Everything on the chat screen again (after a language change). */
export function renderChat() {
  el.meKind.textContent = t(state.guest ? 'account.guest' : 'account.member');
  renderSidebar();
  renderHeader();
  const conv = state.activeConversation();
  if (conv) renderMessages(conv);
  renderTyping();
  renderHistoryStatus();
  updateBanner();
}
