// The message list of the open conversation: messages, pending messages of ours, read receipts,
// reactions and the reaction picker, the history status line, the typing line, scrolling.

import { formatList, t } from '../../i18n.js';
import { state } from '../context.js';
import { mentions } from '../../majlis-client.js';
import { messageId } from '../messages-model.js';
import { byName } from '../name-lists.js';
import { fold, sameName } from '../state.js';
import { isolatedText, sendErrorText } from './common.js';
import { el } from './dom.js';
import { fillSenderName } from './profile-view.js';
import { replaceMessageNode, syncTabStop } from './message-keys.js';
import { messageModerationButtons } from './mod-actions.js';
import { quoteNode } from './reply.js';
import { renderRichText } from './rich-text.js';
import {
  dayLine, decorateMessage, firstUnread, isNearBottom, scrollToBottom, settleScroll, unreadLine,
} from './timeline-view.js';
import { continuesGroup } from '../timeline.js';
import {
  attachmentList, botBadge, editedMarker, messageActions, reactionPicker, reactionRow, setTicks, ticksNode, timeNode,
} from './message-parts.js';

const SEEN_BY_NAMES = 5;          // names listed under "Seen by" before "and N more"

/** The bubble shared by sent and pending messages: sender, time or state, text. */
function messageShell(from, mine, text, mentioned = []) {
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
  fillSenderName(fromNode, from);
  meta.append(fromNode);

  const body = document.createElement('div');
  body.className = 'message-text';
  body.dir = 'auto';
  body.dataset.testid = 'message-text';
  renderRichText(body, text, mentioned);
  li.append(meta, body);
  return { li, meta, body };
}

function renderMessage(msg) {
  const mine = sameName(msg.from, state.me);
  const deleted = msg.deleted === true;
  const { li, meta, body } = deleted ? messageShell(msg.from, mine, t(msg.removed ? 'message.removed' : 'message.deleted'))
    : messageShell(msg.from, mine, msg.message, Array.isArray(msg.mentions) ? msg.mentions : []);
  li.dataset.messageId = messageId(msg);
  if (msg.seq != null) li.dataset.seq = String(msg.seq);
  if (msg.bot === true) meta.append(botBadge(msg));
  meta.append(timeNode(msg));
  if (deleted) {
    // Nothing of a deleted message is shown: no text, no files, no reactions.
    li.dataset.deleted = 'true';
    if (msg.removed) li.dataset.removed = 'true';
    body.classList.add('deleted');
    body.dataset.testid = 'message-deleted';
    return li;
  }
  if (msg.replyTo) body.before(quoteNode(msg.replyTo));
  if (!mine && mentions(msg, state.me)) li.classList.add('mentions-me');
  if (msg.edited) meta.append(editedMarker(msg));
  if (mine && msg.to != null) meta.append(ticksNode());
  const attachments = attachmentList(msg.attachments);
  if (attachments) li.append(attachments);
  const reactions = reactionRow(msg);
  if (reactions) li.append(reactions);
  if (msg.id != null) meta.append(...messageActions(mine, messageModerationButtons(msg)));
  return li;
}

/** A message of ours that has no ack yet ('sending') or was refused ('failed'). */
function renderPending(pending) {
  const { li, meta, body } = messageShell(state.me, true, pending.text);
  if (pending.replyTo) body.before(quoteNode(pending.replyTo));
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

/** A line in a room about its members ("omar joined"), between the messages it came after. */
function systemLineNode(line) {
  const li = document.createElement('li');
  li.className = 'system-line';
  li.dataset.testid = 'system-line';
  li.append(...isolatedText(line.key, line.vars));
  return li;
}

/** Notes a member line in `conv` and shows it when the conversation is open. */
export function addSystemLine(conv, key, vars) {
  const line = { afterSeq: conv.lastSeq, key, vars };
  conv.systemLines.push(line);
  if (conv.key !== state.activeKey) return;
  el.messageList.insertBefore(systemLineNode(line), el.messageList.querySelector('.message.pending'));
  el.empty.hidden = true;
  if (state.pinnedToBottom) scrollToBottom();
}

/**
 * A message with what goes before it: the date line when the day changes, the "New messages"
 * line at `unread`. It continues `prev`'s group unless a line (`broken`) comes between.
 */
function messageNodes(conv, msg, prev, { unread = null, broken = false } = {}) {
  const nodes = [];
  const day = dayLine(prev, msg);
  if (day) nodes.push(day);
  if (msg === unread) nodes.push(unreadLine());
  const li = renderMessage(msg);
  decorateMessage(li, conv, msg, !broken && msg !== unread && continuesGroup(prev, msg));
  nodes.push(li);
  return nodes;
}

/** Where a new day's date line goes: before the member lines that came since the last message. */
function dayLineSpot(before) {
  let spot = before;
  let previous = before ? before.previousElementSibling : el.messageList.lastElementChild;
  while (previous?.classList.contains('system-line')) {
    spot = previous;
    previous = previous.previousElementSibling;
  }
  return spot;
}

/** New messages at the end of the open conversation (before our pending ones). */
export function appendMessages(conv, fresh) {
  const before = el.messageList.querySelector('.message.pending');
  for (const msg of fresh) {
    const last = before ? before.previousElementSibling : el.messageList.lastElementChild;
    const prev = conv.messages[conv.messages.indexOf(msg) - 1];
    const nodes = messageNodes(conv, msg, prev, { broken: !last?.classList.contains('message') });
    if (nodes[0].classList.contains('day-line')) el.messageList.insertBefore(nodes.shift(), dayLineSpot(before));
    nodes.forEach((node) => el.messageList.insertBefore(node, before));
  }
  syncTabStop();
}

export function renderMessages(conv) {
  const fragment = document.createDocumentFragment();
  const unread = firstUnread(conv);
  // Member lines come in seq order (each after the newest message of its time).
  const lines = conv.systemLines;
  let next = 0;
  let prev = null;
  for (const msg of conv.messages) {
    const before = [];
    while (next < lines.length && lines[next].afterSeq < Number(msg.seq)) before.push(systemLineNode(lines[next++]));
    const nodes = messageNodes(conv, msg, prev, { unread, broken: before.length > 0 });
    // A new day's date line comes first, then the member lines of that day.
    const day = nodes[0].classList.contains('day-line') ? [nodes.shift()] : [];
    fragment.append(...day, ...before, ...nodes);
    prev = msg;
  }
  while (next < lines.length) fragment.append(systemLineNode(lines[next++]));
  for (const pending of conv.pending.values()) fragment.append(renderPending(pending));
  el.messageList.replaceChildren(fragment);
  el.empty.hidden = conv.messages.length + conv.pending.size + conv.systemLines.length > 0;
  renderReceipts(conv);
  syncTabStop();
}

/** Re-renders one message in place (when its conversation is open). */
export function rerenderMessage(conv, msg) {
  if (conv.key !== state.activeKey) return;
  const old = messageNode(messageId(msg));
  if (!old) return;
  const fresh = renderMessage(msg);
  decorateMessage(fresh, conv, msg, old.classList.contains('grouped'));
  replaceMessageNode(old, fresh);
  renderReceipts(conv);
}

export function messageNode(id) {
  return el.messageList.querySelector(`.message[data-message-id="${CSS.escape(id)}"]`);
}

/** Re-renders one pending message in place (when its conversation is open). */
export function updatePendingNode(conv, pending) {
  if (conv.key !== state.activeKey) return;
  const old = el.messageList.querySelector(`.message.pending[data-client-id="${CSS.escape(pending.id)}"]`);
  const node = renderPending(pending);
  if (old) {
    replaceMessageNode(old, node);
  } else {
    el.messageList.append(node);
    syncTabStop();
  }
  el.empty.hidden = true;
}

export function removePendingNode(conv, pending) {
  if (conv.key !== state.activeKey) return;
  el.messageList.querySelector(`.message.pending[data-client-id="${CSS.escape(pending.id)}"]`)?.remove();
  syncTabStop();
}

/** An image that loads after the list was scrolled to the end would push the end out of view. */
export function onListMediaLoad(event) {
  if (event.target.tagName === 'IMG' && state.pinnedToBottom) scrollToBottom();
}

export { isNearBottom, scrollToBottom, settleScroll };

/** ✓ / ✓✓ on our direct messages; "Seen by" under our last message in a room. */
export function renderReceipts(conv) {
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

/** Closes the open reaction picker, if any; true when there was one. */
export function closeReactionPicker({ focusToggle = false } = {}) {
  const toggle = el.messageList.querySelector('[data-action="react-menu"][aria-expanded="true"]');
  el.messageList.querySelectorAll('.reaction-picker').forEach((picker) => picker.remove());
  toggle?.setAttribute('aria-expanded', 'false');
  if (toggle && focusToggle) toggle.focus();
  return Boolean(toggle);
}

export function toggleReactionPicker(toggle) {
  const message = toggle.closest('.message');
  const open = message.querySelector('.reaction-picker');
  closeReactionPicker();
  if (open) return;
  toggle.setAttribute('aria-expanded', 'true');
  const picker = reactionPicker();
  message.append(picker);
  picker.querySelector('button').focus();
}

export function renderHistoryStatus() {
  const conv = state.activeConversation();
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

export function renderTyping() {
  const names = [...(state.activeConversation()?.typing.values() || [])].map((entry) => entry.name).sort(byName);
  let text = '';
  if (names.length === 1) text = t('typing.one', { name: names[0] });
  else if (names.length === 2) text = t('typing.two', { first: names[0], second: names[1] });
  else if (names.length > 2) text = t('typing.many');
  el.typing.textContent = text;
  el.typing.dataset.names = names.join(',');
}
