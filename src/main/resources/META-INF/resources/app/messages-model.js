// The message list of a conversation, without any DOM: each message once (by id), in seq order,
// unread counts, read marks (ours and the others'), reactions, and the newest message for previews.

import { mentions } from '../client/common.js';
import { fold, sameName } from './state.js';

const MUTABLE_FIELDS = ['message', 'edited', 'editedAt', 'deleted', 'reactions', 'attachments', 'replyTo', 'mentions'];
// What our own message, shown from its ack, learns from its echo.
const ECHO_FIELDS = ['mentions'];

export function messageId(msg) {
  return msg.id != null ? String(msg.id) : `${msg.from}|${msg.seq}|${msg.timestamp || msg.sent}`;
}

/**
 * Adds messages to a conversation, each at most once (by `id`), kept in seq order.
 * `mode`: 'live' (a new_message), 'newest' (first history page), 'older' (a page before),
 * 'gap' (caught up after a reconnect). New messages of others count as unread unless the user
 * is `reading` the conversation or has read that far already.
 * Returns the messages added (`fresh`, in arrival order), whether they all went after the ones
 * known (`appendedInOrder`), and known messages that a history copy changed (`refreshed`).
 */
export function insertMessages(conv, messages, { mode = 'live', me = null, reading = false } = {}) {
  const result = { fresh: [], appendedInOrder: true, refreshed: [] };
  if (!Array.isArray(messages)) return result;
  for (const msg of messages) {
    if (!msg || typeof msg !== 'object') continue;
    const id = messageId(msg);
    const known = conv.byId.get(id);
    if (known) {
      // A history copy may carry edits, deletes and reactions this page missed.
      if (refreshMessage(known, msg, mode === 'live' ? ECHO_FIELDS : MUTABLE_FIELDS)) result.refreshed.push(known);
      continue;
    }
    conv.byId.set(id, msg);
    const seq = Number(msg.seq) || 0;
    const last = conv.messages[conv.messages.length - 1];
    if (last && seq && (Number(last.seq) || 0) > seq) result.appendedInOrder = false;
    conv.messages.push(msg);
    result.fresh.push(msg);
    if (seq > conv.lastSeq) conv.lastSeq = seq;
    const mine = sameName(msg.from, me);
    if ((mode === 'live' || mode === 'gap') && !mine && !reading && seq > conv.readSeq) {
      conv.unread += 1;
      if (mentions(msg, me)) conv.unreadMentions += 1;
    }
  }
  if (!result.appendedInOrder) conv.messages.sort((a, b) => (Number(a.seq) || 0) - (Number(b.seq) || 0));
  return result;
}

/** Copies the fields that edits, deletes and reactions change; true when something changed. */
export function refreshMessage(known, copy, fields = MUTABLE_FIELDS) {
  let changed = false;
  for (const field of fields) {
    if (copy[field] !== undefined && JSON.stringify(copy[field]) !== JSON.stringify(known[field])) {
      known[field] = copy[field];
      changed = true;
    }
  }
  return changed;
}

/** The user has seen everything: no unread left; true when the read mark moved (to be saved and sent). */
export function markAllRead(conv) {
  conv.unread = 0;
  conv.unreadMentions = 0;
  if (conv.lastSeq <= conv.readSeq) return false;
  conv.readSeq = conv.lastSeq;
  return true;
}

/** We read up to `seq` on another device; true when that is further than this tab knew. */
export function noteOwnRead(conv, seq) {
  if (seq <= conv.readSeq) return false;
  conv.readSeq = seq;
  if (seq >= conv.lastSeq) {
    conv.unread = 0;
    conv.unreadMentions = 0;
  }
  return true;
}

/** Unread count for a conversation from the server's count, capped by what this tab has read. */
export function unreadFromServer(conv, unread, lastSeq) {
  const count = Math.max(0, Number(unread) || 0);
  if (conv.readSeq > 0) return Math.min(count, Math.max(0, lastSeq - conv.readSeq));
  return count;
}

/** `readSeqs` of a history page: how far each participant has read. */
export function noteReadSeqs(conv, readSeqs, me) {
  if (!readSeqs || typeof readSeqs !== 'object') return;
  for (const [name, seq] of Object.entries(readSeqs)) noteReadBy(conv, name, seq, me);
}

/** Another participant read up to `seq` (marks only move forward). */
export function noteReadBy(conv, name, seq, me) {
  const value = Number(seq) || 0;
  if (sameName(name, me) || value <= 0) return;
  const known = conv.readBy.get(fold(name));
  if (!known || value > known.seq) conv.readBy.set(fold(name), { name, seq: value });
}

/** The newest message of a conversation: loaded, live, or fetched for the preview. */
export function lastMessage(conv) {
  const loaded = conv.messages.at(-1) || null;
  if (!conv.latest || (loaded && Number(loaded.seq) >= Number(conv.latest.seq))) return loaded;
  return conv.latest;
}

/** When a conversation last had a message (ms), for ordering direct conversations. */
export function lastActivity(conv) {
  return Date.parse(lastMessage(conv)?.timestamp || '') || 0;
}

/** Users who reacted with `emoji`, from the message's `reactions` ({ emoji: [usernames] }). */
export function reactors(msg, emoji) {
  const users = msg.reactions && msg.reactions[emoji];
  return Array.isArray(users) ? users : [];
}

/** Sets or clears `by`'s reaction `emoji` on a message. */
export function applyReaction(msg, emoji, by, on) {
  const users = reactors(msg, emoji).filter((u) => !sameName(u, by));
  if (on) users.push(by);
  const reactions = { ...(msg.reactions || {}) };
  if (users.length > 0) reactions[emoji] = users;
  else delete reactions[emoji];
  msg.reactions = reactions;
}

/** The files of a message as one comparable string. */
export function attachmentIds(attachments) {
  return (Array.isArray(attachments) ? attachments : []).map((a) => String(a?.id)).join(',');
}

const QUOTE_LENGTH = 200; // code points of the original a reply's quote carries, as the server cuts it

/**
 * The original of replies changed (`text`: its new text, or null once deleted): their quotes
 * follow. Returns the replies changed.
 */
export function refreshQuotes(conv, id, text) {
  const replies = conv.messages.filter((msg) => msg.replyTo && String(msg.replyTo.id) === String(id));
  for (const reply of replies) {
    reply.replyTo = text == null ? { id: reply.replyTo.id, deleted: true } : { ...reply.replyTo, message: clipQuote(text) };
  }
  return replies;
}

/** The quote a reply to `msg` carries (as the server will send it), to show before its echo. */
export function quoteOf(msg) {
  return { id: String(msg.id), from: msg.from, message: clipQuote(msg.message) };
}

const clipQuote = (text) => [...String(text ?? '')].slice(0, QUOTE_LENGTH).join('');
