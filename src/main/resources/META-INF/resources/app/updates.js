// Changes to a conversation that show at once: messages added (live, from history, after a
// reconnect), read marks, who is typing, and the outbox of our messages on their way.

import { client, optionalFrames, sessionStore, state } from './context.js';
import { insertMessages, markAllRead } from './messages-model.js';
import { Outbox } from './outbox.js';
import { fold, sameName } from './state.js';
import { sendErrorText, showComposerError, showNotice } from './views/common.js';
import { el } from './views/dom.js';
import {
  appendMessages, isNearBottom, removePendingNode, renderMessages, renderReceipts, renderTyping, rerenderMessage,
  scrollToBottom, settleScroll, updatePendingNode,
} from './views/message-list.js';
import { renderJumpButton } from './views/timeline-view.js';
import { renderSidebar } from './views/sidebar.js';

const TYPING_EXPIRY_MS = 6000;    // an indicator nobody refreshed for this long is dropped

export const outbox = new Outbox({
  client,
  me: () => state.me,
  view: {
    update: updatePendingNode,
    remove: removePendingNode,
    failed: (conv, pending, e) => {
      if (conv.key === state.activeKey) {
        // Said at once (the composer's error is an alert): waiting, or a name nobody has.
        if (e.code === 'rate_limited' || e.code === 'user_not_found') showComposerError(sendErrorText(e));
        if (isNearBottom()) scrollToBottom();
      } else {
        showNotice(sendErrorText(e));
      }
    },
    delivered: (conv, message) => addMessages(conv, [message], { mode: 'live' }),
  },
});

/** The user is looking at this conversation right now. */
export function isReading(conv) {
  return conv.key === state.activeKey && state.view === 'chat' && document.visibilityState !== 'hidden';
}

/**
 * Adds messages to a conversation, each at most once (by `id`), and re-renders it when open.
 * `mode`: 'live' (a new_message), 'newest' (first history page), 'older' (a page before),
 * 'gap' (caught up after a reconnect).
 */
export function addMessages(conv, messages, { mode = 'live' } = {}) {
  if (!Array.isArray(messages) || messages.length === 0) return;
  const { fresh, appendedInOrder, refreshed } = insertMessages(conv, messages, { mode, me: state.me, reading: isReading(conv) });
  refreshed.forEach((msg) => rerenderMessage(conv, msg));
  for (const msg of fresh) {
    if (mode === 'live' && conv.typing.has(fold(msg.from))) setTyping(conv, msg.from, false);
    if (mode !== 'older' && sameName(msg.from, state.me)) outbox.adopt(conv, msg, { live: mode === 'live' });
  }
  if (fresh.length === 0) return;

  if (conv.key === state.activeKey) {
    const stick = mode === 'newest' || isNearBottom() || (mode === 'live' && fresh.some((m) => sameName(m.from, state.me)));
    if (appendedInOrder && (mode === 'live' || mode === 'gap')) appendMessages(conv, fresh);
    else renderMessages(conv);
    el.empty.hidden = conv.messages.length + conv.pending.size > 0;
    renderReceipts(conv);
    if (!stick && mode === 'live') conv.newBelow += fresh.filter((m) => !sameName(m.from, state.me)).length;
    if (mode !== 'older') settleScroll(conv, stick);
    else renderJumpButton();
    if (isReading(conv)) markRead(conv);
  }
  renderSidebar();
}

export function markRead(conv) {
  if (!markAllRead(conv)) return;
  sessionStore.saveReadMark(state.me, conv);
  if (client.loggedIn) optionalFrames.send('read', { ...conv.target, seq: conv.lastSeq });
}

/** Shows `name` typing in `conv` until the next refresh is overdue, or stops showing it. */
export function setTyping(conv, name, active) {
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
