// Majlis wire-protocol client (src/docs/protocol.md, version 1).
//
// No DOM here: this module only needs a WebSocket implementation, so it can be reused by
// other pages, by tests and by tools. Usage:
//
//   const client = new MajlisClient();            // URL derived from location: ws(s)://host/ws
//   client.on('new_message', (payload, frame) => ...);
//   client.on('state', (state, info) => ...);     // connecting | open | reconnecting | closed
//   const welcome = await client.login({ username: 'sara' });   // or { token }
//   const ack = await client.sendMessage('general', 'Hello');   // resolves with the ack payload
//   const dm = await client.privateMessage('sara', 'Hi', {}, { id: client.newId() }); // a resend reuses the id
//   await client.sendMessage('general', 'Yes!', { replyTo: message.id });  // a reply; it arrives with `replyTo`, a quote
//   mentions(payload, welcome.username)           // whether a message names you as @name (its `mentions`)
//
// Accounts (REST): `await registerAccount(name, password)` then `await loginAccount(name,
// password)` gives `{ token, expiresAt, username }`; `client.login({ token })` then logs in.
// An account's settings, each with `{ token }`: `getProfile(name)`, `updateProfile({ displayName,
// statusText })`, `uploadAvatar(blob)`, `removeAvatar()`, `changePassword(old, new)`,
// `signOutEverywhere()`, `listSessions()`, `revokeSession(id)`; a `profile_changed` event tells
// of a profile changed.
//
// Rooms, reactions, edits: `createRoom`, `joinRoom`, `leaveRoom`, `react`,
// `editMessage`, `deleteMessage` have no reply frame of their own; each resolves with the event
// that shows it took effect (`room`, `member_left`, `reaction`...) and rejects with the error
// that carries its id back. `invite` and `declineInvite` resolve with their `ack`; an invitee
// gets `invited` and accepts with `joinRoom`. `rooms({ after, limit })` gives a page of rooms. Files: `await uploadFile(file, { token, onProgress })` gives
// `{ id, name, size, contentType, url }`; send the id in a message's `attachments`.
//
// Moderation (each resolves with the `ack`): `removeMessage`, `kick`, `ban`, `unban`, `mute`,
// `unmute`, `setModerator`, `updateRoom`, `renameRoom`, `deleteRoom`, `report`; their effects come as events
// (`message_deleted` with `removed`, `member_left` with `removed`/`banned`, `member_muted`,
// `room_updated`, `room_deleted`). Administration over REST: `listAdmins(token)` and the other
// helpers of client/rest.js.
//
// Presence: `client.presence` is the scope (`all`: every change comes; `subscribed`: above the
// server's threshold, only those of the users this connection subscribed to, its direct partners
// and itself) and `client.online` how many are online, as the server last said. `users({ prefix,
// after, limit })` gives a page of who is online; `subscribePresence(names)` says whose changes
// to receive (again after each reconnect: subscriptions belong to the connection).
//
// Reconnection: after an unexpected close the client reconnects with exponential backoff
// (1 s doubling up to 30 s, with jitter) and logs in again as the same user (the session
// token of the last welcome when there is one, else the same name). A fresh `welcome` event is
// emitted each time; listeners compare its `lastSeq`s with what they saw and call
// `catchUp(conversation, lastSeenSeq)` for the gaps.
//
// Requests sent while disconnected reject at once with `disconnected` (nothing is buffered in
// the socket): a caller that wants to send later keeps the text and the frame id and sends again
// after the next `welcome`, as the page does.

import { MajlisConnection } from './client/connection.js';
import { sameName } from './client/common.js';

export { MajlisError, defaultUrl, backoffDelay, mentions } from './client/common.js';
export { registerAccount, loginAccount, uploadFile } from './client/rest.js';
export {
  getProfile, updateProfile, uploadAvatar, removeAvatar, changePassword, signOutEverywhere, listSessions, revokeSession,
} from './client/account.js';
export {
  listAdmins, nameAdmin, removeAdmin, disableAccount, enableAccount, auditPage, reportsPage, resolveReport,
} from './client/admin.js';

/** The fields that have a value: a page request leaves the others out. */
const given = (fields) => Object.fromEntries(Object.entries(fields).filter(([, value]) => value));

/** The protocol's commands on top of the connection (client/connection.js). */
export class MajlisClient extends MajlisConnection {
  constructor(options) {
    super(options);
    this.presence = 'all';        // the presence scope: 'all' or 'subscribed'
    this.online = null;           // users online, once the server said
    // Registered first, so that the page's own listeners already see the new scope and count.
    this.on('welcome', (w) => this._notePresence(w.presence || 'all', w.online));
    this.on('presence', (p) => this._notePresence(p.scope, p.online));
    this.on('users', (p) => this._notePresence(undefined, p.online));
  }

  _notePresence(scope, online) {
    if (scope === 'all' || scope === 'subscribed') this.presence = scope;
    if (Number.isFinite(online)) this.online = online;
  }

  sendMessage(room, message, extra = {}, options = {}) {
    return this.request('send_message', { ...extra, message, room: room || 'general' }, options);
  }

  privateMessage(to, message, extra = {}, options = {}) {
    return this.request('private_message', { ...extra, message, to }, options);
  }

  setStatus(status) {
    return this.send('status', { status });
  }

  /** `users`: a page of who is online, by name; `next` in the reply is the `after` of the next page. */
  users({ prefix, after, limit } = {}) {
    return this.request('users', given({ prefix, after, limit }));
  }

  /**
   * `presence_subscribe`: from now on this connection receives the changes of `names` (replacing
   * the names it subscribed to before; `[]` clears). Resolves with the `presence` reply, their
   * statuses now (also emitted as a `presence` event).
   */
  subscribePresence(names) {
    return this.request('presence_subscribe', { users: [...names] });
  }

  /** `history` for `{ room }` or `{ to }`, with optional `before`, `after`, `limit`. */
  history(conversation, { before, after, limit } = {}) {
    const payload = { ...conversation };
    if (before != null) payload.before = before;
    if (after != null) payload.after = after;
    if (limit != null) payload.limit = limit;
    return this.request('history', payload);
  }

  /**
   * Catching up after a reconnect: every message of `conversation` after `afterSeq`, in order,
   * page by page while `hasMore` (at most `maxPages` pages of `limit`). Resolves with
   * `{ messages, readSeqs }`; compare with what you have by `id` (a live `new_message` may be in
   * the pages too).
   */
  async catchUp(conversation, afterSeq, { limit = 200, maxPages = 50 } = {}) {
    const messages = [];
    const readSeqs = {};
    let cursor = Number(afterSeq) || 0;
    for (let page = 0; page < maxPages; page++) {
      const reply = await this.history(conversation, { after: cursor, limit });
      const batch = Array.isArray(reply.messages) ? reply.messages : [];
      messages.push(...batch);
      Object.assign(readSeqs, reply.readSeqs || {});
      const highest = batch.reduce((max, m) => Math.max(max, Number(m.seq) || 0), cursor);
      if (!reply.hasMore || highest <= cursor) break;
      cursor = highest;
    }
    return { messages, readSeqs };
  }

  /**
   * `search`: messages with every word of `query` (a quoted part is a phrase), newest first, in
   * your conversations (and public rooms with `publicRooms`), optionally in one conversation
   * (`{ room }` or `{ to }`), from one sender, `since`/`until` ISO instants. Resolves with
   * `{ hits: [{ message, highlights }], next, people, rooms }`; `next` is the `before` of the next page.
   */
  search(query, { room, to, from, since, until, publicRooms, before, limit } = {}) {
    return this.request('search', given({ query, room, to, from, since, until, publicRooms, before, limit }));
  }

  markRead(conversation, seq) {
    return this.send('read', { ...conversation, seq });
  }

  // Rooms. Creating and joining resolve with the `room` description; the others with the `ack`.

  /** `create_room`: resolves with the `room` description once the server has made it. */
  createRoom(room, { isPrivate = false, members = [] } = {}) {
    return this.command('create_room', { room, private: isPrivate, members },
      (type, p) => type === 'room' && sameName(p.room, room));
  }

  joinRoom(room) {
    return this.command('join_room', { room }, (type, p) => type === 'room' && sameName(p.room, room));
  }

  leaveRoom(room) {
    return this.request('leave_room', { room });
  }

  /** `invite`: resolves with the `ack`; the invitee gets `invited` and becomes a member by `joinRoom`. */
  invite(room, username) {
    return this.request('invite', { room, username });
  }

  /** `decline_invite`: resolves with the `ack`; no invitation to the room is left (there may have been none). */
  declineInvite(room) {
    return this.request('decline_invite', { room });
  }

  /**
   * `rooms`: a page of the public rooms and the caller's rooms, `general` first, then by name.
   * `next` in the answer is the `after` of the next page (absent on the last); the first page
   * also carries `invitations`, the caller's pending ones.
   */
  rooms({ after, limit } = {}) {
    return this.request('rooms', given({ after, limit }));
  }

  // Typing, reactions, edits. Each resolves with the `ack`; the server also sends reactions, edits
  // and deletes to the author, as to everyone in the conversation (a reaction that changes
  // nothing is acknowledged and sent to nobody).

  typing(conversation, active) {
    return this.send('typing', { ...conversation, active });
  }

  react(messageId, emoji, on) {
    return this.request('react', { messageId, emoji, on });
  }

  editMessage(messageId, message) {
    return this.request('edit_message', { messageId, message });
  }

  deleteMessage(messageId) {
    return this.request('delete_message', { messageId });
  }

  // Moderation (protocol.md, "Moderation"). Each resolves with the `ack`; a `reason` left out or
  // empty is not sent.

  removeMessage(messageId, reason) {
    return this.request('remove_message', given({ messageId, reason }));
  }

  kick(room, username, reason) {
    return this.request('kick', given({ room, username, reason }));
  }

  ban(room, username, reason) {
    return this.request('ban', given({ room, username, reason }));
  }

  unban(room, username) {
    return this.request('unban', { room, username });
  }

  /** `mute`: `username` reads but cannot post in `room` for `minutes` (1 to 525600). */
  mute(room, username, minutes, reason) {
    return this.request('mute', given({ room, username, minutes, reason }));
  }

  unmute(room, username) {
    return this.request('unmute', { room, username });
  }

  setModerator(room, username, moderator) {
    return this.request('set_moderator', { room, username, moderator: moderator === true });
  }

  /** `update_room`: `topic` (`''` clears it) and/or `readOnly`; a field left undefined stays as it is. */
  updateRoom(room, { topic, readOnly } = {}) {
    const payload = { room };
    if (topic !== undefined) payload.topic = topic;
    if (readOnly !== undefined) payload.readOnly = readOnly === true;
    return this.request('update_room', payload);
  }

  /** `rename_room`: the room is called `name` from now on; its members get `room_renamed`. */
  renameRoom(room, name) {
    return this.request('rename_room', { room, name });
  }

  deleteRoom(room) {
    return this.request('delete_room', { room });
  }

  /** `report`: a message for the administrators to look at; `reason` is required. */
  report(messageId, reason) {
    return this.request('report', { messageId, reason });
  }
}
