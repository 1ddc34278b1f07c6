// History: the newest page of a conversation when it is first opened, older pages as the user
// scrolls up, the gaps after a reconnect, and the newest message of the others for previews.

import { client, state } from './context.js';
import { lastMessage, noteReadSeqs } from './messages-model.js';
import { addMessages } from './updates.js';
import { el } from './views/dom.js';
import { renderHistoryStatus } from './views/message-list.js';
import { jumpToFirstUnread, unreadNotLoaded } from './views/timeline-view.js';
import { renderSidebar } from './views/sidebar.js';

const HISTORY_PAGE = 50;
const HISTORY_MAX = 200;      // the largest page the server gives
const CONTEXT_BEFORE = 10;    // messages loaded before one the conversation opens at

function historyUnsupported(error) {
  if (error && error.code === 'unknown_type') {
    state.historySupported = false;
    return true;
  }
  return false;
}

/** The newest page of a conversation, once (the first time it is opened). */
export function loadNewest(conv) {
  if (!state.historySupported || conv.historyLoaded) return Promise.resolve();
  if (conv.loadingNewest) return conv.loadingNewest;
  conv.historyFailed = false;
  conv.loadingNewest = (async () => {
    try {
      const page = await client.history(conv.target, { limit: HISTORY_PAGE });
      if (state.conversations.get(conv.key) !== conv) return;
      conv.historyLoaded = true;
      conv.hasMoreBefore = Boolean(page.hasMore);
      noteReadSeqs(conv, page.readSeqs, state.me);
      addMessages(conv, page.messages, { mode: 'newest' });
    } catch (e) {
      if (!historyUnsupported(e)) {
        conv.historyFailed = e.code !== 'disconnected';
        console.info('majlis: history not loaded', conv.key, e.code);
      }
    } finally {
      conv.loadingNewest = null;
    }
    // Drawn once the load is over, or "Loading earlier messages…" stays until the next scroll.
    renderHistoryStatus();
    fillViewport(conv);
  })();
  return conv.loadingNewest;
}

/**
 * The page before the oldest message shown, keeping what the user looks at in place. Resolves
 * when it is there (the same promise while one is on its way).
 */
export function loadOlder(conv, limit = HISTORY_PAGE) {
  if (conv?.loadingOlder) return conv.loadingOlder;
  if (!conv || !conv.historyLoaded || !conv.hasMoreBefore || !client.loggedIn) return Promise.resolve();
  const before = conv.oldestSeq;
  if (!before) return Promise.resolve();
  conv.loadingOlder = (async () => {
    try {
      const page = await client.history(conv.target, { before, limit });
      if (state.conversations.get(conv.key) !== conv) return;
      conv.hasMoreBefore = Boolean(page.hasMore);
      noteReadSeqs(conv, page.readSeqs, state.me);
      const active = conv.key === state.activeKey;
      const oldHeight = el.scroller.scrollHeight;
      const oldTop = el.scroller.scrollTop;
      addMessages(conv, page.messages, { mode: 'older' });
      if (active && !jumpToFirstUnread(conv)) el.scroller.scrollTop = oldTop + (el.scroller.scrollHeight - oldHeight);
    } catch (e) {
      historyUnsupported(e);
    } finally {
      conv.loadingOlder = null;
      renderHistoryStatus();
    }
    fillViewport(conv);
  })();
  renderHistoryStatus();
  return conv.loadingOlder;
}

/**
 * The history from the newest message back to the message `id` (`seq` when known: and a few
 * before it), to open the conversation at it (a search hit, a quoted message); pages of the most
 * the server gives.
 */
export async function loadThrough(conv, { id, seq = null }) {
  await loadNewest(conv);
  const reached = () => (seq ? conv.oldestSeq <= seq - CONTEXT_BEFORE : conv.byId.has(String(id)));
  while (conv.hasMoreBefore && !reached()) {
    const oldest = conv.oldestSeq;
    await loadOlder(conv, HISTORY_MAX);
    if (conv.oldestSeq === oldest) return;
  }
}

/**
 * While the messages do not fill the pane there is nothing to scroll: load more at once. So too
 * while the conversation opens at a first unread message older than what is loaded.
 */
export function fillViewport(conv) {
  if (conv.key !== state.activeKey || !conv.hasMoreBefore || conv.loadingOlder) return;
  if (el.scroller.scrollHeight <= el.scroller.clientHeight + 40 || unreadNotLoaded(conv)) loadOlder(conv);
}

/** After a reconnect: everything after `from` (the last seq seen before), page by page. */
export async function catchUp(conv, from) {
  if (!state.historySupported) return;
  if (!conv.historyLoaded) {
    if (conv.key === state.activeKey) await loadNewest(conv);
    return;
  }
  if (conv.serverLastSeq && conv.serverLastSeq <= from) return;
  try {
    const { messages, readSeqs } = await client.catchUp(conv.target, from);
    noteReadSeqs(conv, readSeqs, state.me);
    addMessages(conv, messages, { mode: 'gap' });
  } catch (e) {
    historyUnsupported(e);
  }
}

/** The newest message of a conversation not opened yet, for its preview in the sidebar. */
export async function loadLatest(conv) {
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
