// The parts of a message bubble: time, edited mark, read ticks, files, reactions, the action
// buttons (with the phone's "⋯" menu button) and the reaction picker.

import { formatList, formatSize, getLocale, t } from '../../i18n.js';
import { INLINE_IMAGE_TYPES } from '../../uploads.js';
import { state } from '../context.js';
import { reactors } from '../messages-model.js';
import { sameName } from '../state.js';

const REACTION_CHOICES = ['👍', '❤️', '😂', '😮', '😢', '🎉'];

function formatTime(msg) {
  if (msg.timestamp) {
    const d = new Date(msg.timestamp);
    if (!Number.isNaN(d.getTime())) {
      return { text: d.toLocaleTimeString(getLocale(), { hour: '2-digit', minute: '2-digit' }), iso: d.toISOString(), full: d.toLocaleString(getLocale()) };
    }
  }
  const sent = typeof msg.sent === 'string' ? msg.sent : '';
  return { text: sent.slice(0, 5), iso: '', full: sent };
}

export function timeNode(msg) {
  const time = document.createElement('time');
  time.className = 'message-time';
  time.dataset.testid = 'message-time';
  const when = formatTime(msg);
  time.textContent = when.text;
  if (when.iso) time.dateTime = when.iso;
  if (when.full) time.title = when.full;
  return time;
}

export function editedMarker(msg) {
  const marker = document.createElement('span');
  marker.className = 'message-edited';
  marker.dataset.testid = 'message-edited';
  marker.textContent = t('message.edited');
  const when = msg.editedAt ? formatTime({ timestamp: msg.editedAt }) : null;
  if (when?.full) marker.title = t('message.edited_at', { time: when.full });
  return marker;
}

/** "bot" beside the sender of a message a bot account or an incoming webhook posted. */
export function botBadge(msg) {
  const badge = document.createElement('span');
  badge.className = 'message-bot';
  badge.dataset.testid = 'message-bot';
  badge.textContent = t('message.bot');
  badge.title = t(msg.via === 'webhook' ? 'message.bot_webhook' : 'message.bot_account');
  return badge;
}

/** Sent / read marks of our own direct messages; filled in by renderReceipts. */
export function ticksNode() {
  const ticks = document.createElement('span');
  ticks.className = 'message-ticks';
  ticks.dataset.testid = 'message-ticks';
  return ticks;
}

export function setTicks(node, read) {
  const stateName = read ? 'read' : 'sent';
  if (node.dataset.state === stateName) return;
  node.dataset.state = stateName;
  node.textContent = read ? '✓✓' : '✓';
  node.title = t(`receipts.${stateName}`);
  node.setAttribute('aria-label', node.title);
}

/** Files of a message: images as previews linking to the file, anything else as a download. */
export function attachmentList(attachments) {
  // Only same-origin paths: a file url never leads the reader elsewhere.
  const files = (Array.isArray(attachments) ? attachments : [])
    .filter((a) => a && typeof a.url === 'string' && /^\/(?!\/)/.test(a.url));
  if (files.length === 0) return null;
  const list = document.createElement('ul');
  list.className = 'attachments';
  list.dataset.testid = 'attachments';
  for (const file of files) {
    const item = document.createElement('li');
    item.append(attachmentLink(file));
    list.append(item);
  }
  return list;
}

function attachmentLink(file) {
  const name = String(file.name || 'file');
  const link = document.createElement('a');
  link.href = file.url;
  link.rel = 'noopener';
  link.target = '_blank';
  if (INLINE_IMAGE_TYPES.has(String(file.contentType).toLowerCase())) {
    link.className = 'attachment-image';
    link.dataset.testid = 'attachment-image';
    const img = document.createElement('img');
    img.src = file.url;
    img.alt = name;
    img.decoding = 'async';
    link.append(img);
    return link;
  }
  link.className = 'attachment-file';
  link.dataset.testid = 'attachment-file';
  link.download = name;
  const label = document.createElement('bdi');
  label.className = 'attachment-name';
  label.textContent = name;
  const size = document.createElement('span');
  size.className = 'attachment-size';
  size.textContent = formatSize(file.size);
  link.append(label, ' ', size);
  return link;
}

export function reactionRow(msg) {
  const emojis = Object.keys(msg.reactions || {}).filter((emoji) => reactors(msg, emoji).length > 0);
  if (emojis.length === 0) return null;
  const row = document.createElement('div');
  row.className = 'reactions';
  row.dataset.testid = 'reactions';
  for (const emoji of emojis) {
    const users = reactors(msg, emoji);
    const chip = document.createElement('button');
    chip.type = 'button';
    chip.className = 'reaction';
    chip.dataset.testid = 'reaction';
    chip.dataset.action = 'toggle-reaction';
    chip.dataset.emoji = emoji;
    chip.setAttribute('aria-pressed', String(users.some((u) => sameName(u, state.me))));
    chip.title = t('reactions.by', { emoji, names: formatList(users) });
    const symbol = document.createElement('span');
    symbol.className = 'reaction-emoji';
    symbol.textContent = emoji;
    const count = document.createElement('span');
    count.className = 'reaction-count';
    count.dataset.testid = 'reaction-count';
    count.textContent = String(users.length);
    chip.append(symbol, count);
    row.append(chip);
  }
  return row;
}

/**
 * React and reply (everyone), edit and delete (the author only), then `moderation` (Report,
 * Remove: views/mod-actions.js): shown on hover and focus; on a phone, in a menu that the "⋯"
 * button (or a long press) opens, one message at a time.
 */
export function messageActions(mine, moderation = []) {
  const more = actionButton('more', 'message-more', '⋯');
  more.classList.add('message-more');
  more.title = t('message.actions');
  more.setAttribute('aria-label', more.title);
  more.setAttribute('aria-expanded', 'false');
  const bar = document.createElement('div');
  bar.className = 'message-actions';
  bar.setAttribute('role', 'group');
  bar.setAttribute('aria-label', t('message.actions'));
  const react = actionButton('react-menu', 'react-button', '☺');
  react.title = t('reactions.add');
  react.setAttribute('aria-label', react.title);
  react.setAttribute('aria-expanded', 'false');
  bar.append(react, actionButton('reply', 'reply-message', t('reply.reply')));
  if (mine) bar.append(actionButton('edit', 'edit-message', t('message.edit')), actionButton('delete', 'delete-message', t('message.delete')));
  bar.append(...moderation);
  return [more, bar];
}

export function actionButton(action, testid, text) {
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'message-action';
  button.dataset.action = action;
  button.dataset.testid = testid;
  button.textContent = text;
  return button;
}

export function reactionPicker() {
  const picker = document.createElement('div');
  picker.className = 'reaction-picker';
  picker.dataset.testid = 'reaction-picker';
  picker.setAttribute('role', 'group');
  picker.setAttribute('aria-label', t('reactions.picker'));
  for (const emoji of REACTION_CHOICES) {
    const option = actionButton('react', 'reaction-option', emoji);
    option.dataset.emoji = emoji;
    picker.append(option);
  }
  // Every other emoji of the set, in the emoji picker.
  const more = actionButton('react-more', 'reaction-more', '+');
  more.title = t('reactions.more');
  more.setAttribute('aria-label', more.title);
  picker.append(more);
  return picker;
}
