// The composer: writing and sending (through the outbox), editing a sent message, files
// (picked, dropped, uploaded), telling the others we are typing; and the buttons inside the
// message list (retry, discard, react, reply, edit, delete, a reply's quote).

import { formatCount, t } from '../../i18n.js';
import { UploadTray } from '../../uploads.js';
import { client, optionalFrames, state, tabStore } from '../context.js';
import { MAX_MESSAGE_LENGTH, lengthStatus } from '../message-length.js';
import { attachmentIds, reactors } from '../messages-model.js';
import { sameName } from '../state.js';
import { outbox } from '../updates.js';
import { confirmThen, runCommand, sendErrorText, showComposerError, showNotice } from './common.js';
import { el } from './dom.js';
import { closeEmojiPicker, openEmojiPicker } from './emoji-picker.js';
import { closeMessageMenu, toggleMessageMenu } from './message-keys.js';
import { closeReactionPicker, messageNode, scrollToBottom, toggleReactionPicker } from './message-list.js';
import { onMentionKeydown, updateMentionPicker } from './mention-picker.js';
import { cancelReply, showQuoted, startReply, takeReply } from './reply.js';

const TYPING_REFRESH_MS = 3000;   // while typing goes on, tell the others again this often

export const uploads = new UploadTray(el.uploadList, {
  token: () => client.session?.token || null,
  onError: (text) => showComposerError(text),
});

/** The composer's text changed (typed, pasted or set): its height and its length counter follow. */
export function composerChanged() {
  // CSSOM from script: allowed under the page's `style-src 'self'`.
  el.composer.style.height = 'auto';
  el.composer.style.height = `${Math.min(el.composer.scrollHeight, 200)}px`;
  const { length, counter, over } = lengthStatus(el.composer.value);
  el.composerCount.hidden = !counter;
  el.composerCount.dataset.over = String(over > 0);
  el.composerCount.textContent = counter
    ? t('composer.count', { count: formatCount(length), max: formatCount(MAX_MESSAGE_LENGTH) }) : '';
}

/** True (and the reason shown) when the text is longer than the server takes: nothing is cut. */
function refuseTooLong(text) {
  const { over } = lengthStatus(text);
  if (over === 0) return false;
  showComposerError(t('composer.too_long', { max: formatCount(MAX_MESSAGE_LENGTH), over: formatCount(over) }));
  el.composer.focus();
  return true;
}

export function sendCurrent() {
  if (state.editing) {
    submitEdit();
    return;
  }
  const conv = state.activeConversation();
  const text = el.composer.value;
  const attachments = uploads.uploaded;
  if (!conv || (text.trim() === '' && attachments.length === 0 && !uploads.busy)) return;
  if (uploads.busy) {
    showComposerError(t('files.wait'));
    return;
  }
  if (refuseTooLong(text)) return;
  showComposerError('');
  el.composer.value = '';
  saveDraft(conv, '');
  composerChanged();
  stopTypingNotice();
  uploads.clear();
  // Offline, the message waits with its id and goes out after the reconnect (sendQueued).
  const pending = outbox.add(conv, text, attachments, takeReply(conv));
  scrollToBottom();
  if (client.loggedIn) outbox.transmit(conv, pending);
}

/** Clicks on buttons inside the message list: retry / discard a pending message, or act on a sent one. */
export function onMessageListClick(event) {
  const button = event.target.closest('button[data-action]');
  const conv = state.activeConversation();
  if (!button || !conv) return;
  if (button.dataset.clientId) {
    onPendingAction(conv, button);
    return;
  }
  const msg = conv.byId.get(button.closest('.message')?.dataset.messageId);
  if (msg && !msg.deleted) MESSAGE_ACTIONS[button.dataset.action]?.(conv, msg, button);
}

const MESSAGE_ACTIONS = {
  more: (conv, msg, button) => toggleMessageMenu(button.closest('.message')),
  'react-menu': (conv, msg, button) => toggleReactionPicker(button),
  react: (conv, msg, button) => {
    // The focus goes back to what opened the picker (or the phone's menu), not to the page.
    closeReactionPicker({ focusToggle: true });
    closeMessageMenu({ focusToggle: true });
    toggleOwnReaction(msg, button.dataset.emoji);
  },
  'react-more': (conv, msg, button) => {
    const message = button.closest('.message');
    const toggle = message.querySelector('[data-action="react-menu"]');
    closeReactionPicker();
    openEmojiPicker({
      anchor: toggle,
      container: message,
      onPick: (emoji) => {
        toggle.focus();
        toggleOwnReaction(msg, emoji);
      },
    });
  },
  'toggle-reaction': (conv, msg, button) => toggleOwnReaction(msg, button.dataset.emoji),
  reply: (conv, msg) => {
    closeMessageMenu();
    stopEditing();
    startReply(conv, msg);
  },
  quote: (conv, msg, button) => showQuoted(conv, button),
  edit: (conv, msg) => {
    closeMessageMenu();
    startEditing(conv, msg);
  },
  delete: (conv, msg, button) => confirmThen(button, 'message.confirm_delete',
    () => runCommand(client.deleteMessage(msg.id))),
};

function onPendingAction(conv, button) {
  const pending = conv.pending.get(button.dataset.clientId);
  if (!pending) return;
  if (button.dataset.action === 'discard') {
    outbox.discard(conv, pending);
    el.empty.hidden = conv.messages.length + conv.pending.size > 0;
    return;
  }
  showComposerError('');
  outbox.retry(conv, pending);
}

export function onComposerKeydown(event) {
  if (onMentionKeydown(event)) return;
  if (event.key === 'Escape' && (state.editing || state.replying)) {
    event.preventDefault();
    stopEditing();
    cancelReply();
    return;
  }
  if (event.key === 'ArrowUp' && !event.altKey && !event.ctrlKey && !event.metaKey && !event.shiftKey && editLastOwn()) {
    event.preventDefault();
    return;
  }
  if (event.key !== 'Enter' || event.shiftKey || event.isComposing || event.keyCode === 229) return;
  if (event.altKey || event.ctrlKey || event.metaKey) return;
  event.preventDefault();
  sendCurrent();
}

export function onComposerInput() {
  composerChanged();
  updateMentionPicker();
  if (!el.composerError.hidden) showComposerError('');
  if (state.editing) return;
  const conv = state.activeConversation();
  if (conv) saveDraft(conv, el.composer.value);
  announceTyping();
}

/** The unsent text of a conversation, kept for when it is opened again (a reload included). */
function saveDraft(conv, text) {
  conv.draft = text;
  tabStore.saveDraft(state.me, conv, text);
}

/** Tells the others we are typing: at once, then again every few seconds while it goes on. */
function announceTyping() {
  const conv = state.activeConversation();
  if (!conv) return;
  if (el.composer.value.trim() === '') {
    stopTypingNotice();
    return;
  }
  const sent = state.typingSent;
  if (sent && sent.key === conv.key && Date.now() - sent.at < TYPING_REFRESH_MS) return;
  if (sent && sent.key !== conv.key) stopTypingNotice();
  optionalFrames.send('typing', { ...conv.target, active: true });
  state.typingSent = { key: conv.key, target: conv.target, at: Date.now() };
}

/** Message sent, composer emptied, or conversation left: the others stop showing us typing. */
export function stopTypingNotice() {
  const sent = state.typingSent;
  if (!sent) return;
  state.typingSent = null;
  optionalFrames.send('typing', { ...sent.target, active: false });
}

function toggleOwnReaction(msg, emoji) {
  if (!emoji) return;
  const on = !reactors(msg, emoji).some((u) => sameName(u, state.me));
  runCommand(client.react(msg.id, emoji, on));
}

/** Edits go through the composer: it takes the message's text, Enter saves, Escape cancels. */
export function startEditing(conv, msg) {
  if (!state.editing) conv.draft = el.composer.value;
  else messageNode(state.editing.messageId)?.classList.remove('editing');
  cancelReply();
  stopTypingNotice();
  state.editing = { key: conv.key, messageId: msg.id };
  messageNode(msg.id)?.classList.add('editing');
  el.editBar.hidden = false;
  el.composer.value = msg.message;
  composerChanged();
  el.composer.focus();
}

/** ↑ in an empty composer: edit your last message of the conversation (as in most chat apps). */
function editLastOwn() {
  const conv = state.activeConversation();
  if (!conv || state.editing || el.composer.value !== '') return false;
  const last = conv.messages.findLast((m) => sameName(m.from, state.me) && m.id != null && !m.deleted);
  if (!last) return false;
  startEditing(conv, last);
  return true;
}

/** Back to writing new messages, with the draft that was there before editing. */
export function stopEditing() {
  const editing = state.editing;
  if (!editing) return;
  state.editing = null;
  el.editBar.hidden = true;
  messageNode(editing.messageId)?.classList.remove('editing');
  el.composer.value = state.conversations.get(editing.key)?.draft || '';
  composerChanged();
}

async function submitEdit() {
  const { key, messageId: id } = state.editing;
  const conv = state.conversations.get(key);
  const msg = conv?.byId.get(id);
  const text = el.composer.value;
  if (!msg || msg.deleted || text === msg.message) {
    stopEditing();
    return;
  }
  if (text.trim() === '' && attachmentIds(msg.attachments) === '') {
    showComposerError(t('message.empty_edit'));
    return;
  }
  if (refuseTooLong(text)) return;
  stopEditing();
  try {
    await client.editMessage(id, text);
  } catch (e) {
    // Keep the new text: back into editing it, with the reason.
    if (state.activeKey === key && !state.editing && !msg.deleted) {
      startEditing(conv, msg);
      el.composer.value = text;
      showComposerError(t('message.edit_failed', { reason: sendErrorText(e) }));
    } else {
      showNotice(t('message.edit_failed', { reason: sendErrorText(e) }));
    }
  }
}

export function onFilesPicked(files) {
  if (!files || files.length === 0) return;
  showComposerError('');
  uploads.add(files);
}

/** The composer's emoji button: the picker, whose choice goes in at the cursor. */
export function onEmojiButton() {
  if (closeEmojiPicker()) return;
  openEmojiPicker({
    anchor: el.emojiButton,
    container: el.composerForm,
    onPick: (emoji) => {
      el.composer.focus();
      el.composer.setRangeText(emoji, el.composer.selectionStart, el.composer.selectionEnd, 'end');
      onComposerInput();
    },
  });
}

/** An image pasted into the composer (a screenshot) is uploaded like a picked file; text still pastes as text. */
export function onComposerPaste(event) {
  const files = [...(event.clipboardData?.files || [])];
  if (files.length === 0) return;
  if (!event.clipboardData.types.includes('text/plain')) event.preventDefault();
  onFilesPicked(files);
}

const draggingFiles = (event) => [...(event.dataTransfer?.types || [])].includes('Files');

export function wireFileDrop() {
  const pane = el.conversationPane;
  pane.addEventListener('dragover', (event) => {
    if (!draggingFiles(event)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
    el.dropHint.hidden = false;
  });
  pane.addEventListener('dragleave', (event) => {
    if (!pane.contains(event.relatedTarget)) el.dropHint.hidden = true;
  });
  pane.addEventListener('drop', (event) => {
    el.dropHint.hidden = true;
    if (!draggingFiles(event)) return;
    event.preventDefault();
    onFilesPicked(event.dataTransfer.files);
  });
}
