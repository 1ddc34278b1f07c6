// What the page knows, without any DOM: who we are, who is online, the conversations and
// their messages, pending invitations. The views render it; nothing here touches the screen.

export const STATUSES = ['online', 'away', 'busy'];
export const GENERAL = 'general';

/** Case-insensitive identity of a name (the server folds case when comparing names). */
export const fold = (name) => String(name ?? '').normalize('NFC').toLowerCase();
export const sameName = (a, b) => a != null && b != null && fold(a) === fold(b);

export function conversationKey(kind, name) {
  return kind === 'room' ? `room:${fold(name)}` : `dm:${fold(name)}`;
}

/** Rooms other than `general` have members to list, invite to and leave. */
export const isGroupRoom = (conv) => conv?.kind === 'room' && !sameName(conv.name, GENERAL);

export class Conversation {
  constructor(kind, name) {
    this.kind = kind;                 // 'room' | 'direct'
    this.name = name;                 // room name or partner's username
    this.key = conversationKey(kind, name);
    this.messages = [];               // sorted by seq
    this.byId = new Map();            // message id -> message
    this.lastSeq = 0;                 // highest seq seen
    this.serverLastSeq = 0;           // lastSeq announced by the last welcome
    this.readSeq = 0;                 // highest seq the user has seen here
    this.unread = 0;
    this.unreadMentions = 0;          // of the unread, those that mention us (@name)
    this.historyLoaded = false;
    this.loadingNewest = null;        // promise while the newest page is on its way
    this.loadingOlder = null;         // promise while an older page is on its way
    this.hasMoreBefore = false;
    this.historyFailed = false;
    this.pending = new Map();         // client frame id -> { id, text, attachments, replyTo, status, error, uncertain }
    this.latest = null;               // newest message known without loading history (for the preview)
    this.draft = '';
    this.unreadAtOpen = 0;            // unread when opened: the "New messages" line goes before the first of them
    this.jumpToUnread = false;        // opened with unread: show the first of them, once loaded
    this.newBelow = 0;                // new messages that came while scrolled up ("Jump to latest")
    this.systemLines = [];            // rooms: who joined, left or was invited, seen live: { afterSeq, key, vars }
    this.isPrivate = false;           // rooms only
    this.owner = null;
    this.members = null;              // usernames, once a `room` event described the room
    this.memberCount = null;          // from `room` or the `rooms` list
    this.readBy = new Map();          // fold(user) -> { name, seq }: how far the others have read
    this.typing = new Map();          // fold(user) -> { name, timer }: who is typing here now
    this.topic = '';                  // rooms, from `room` / `room_updated` (moderation-model.js)
    this.readOnly = false;            // only moderators post
    this.moderators = [];
    this.banned = null;               // names, known to the room's moderators only
    this.muted = new Map();           // fold(user) -> ISO end of the mute (ours, and all of them for moderators)
    this.controlsAsked = false;       // a `join_room` was sent to learn the room's controls after a reload
  }

  get target() {
    return this.kind === 'room' ? { room: this.name } : { to: this.name };
  }

  get oldestSeq() {
    for (const m of this.messages) {
      const seq = Number(m.seq);
      if (seq > 0) return seq;
    }
    return 0;
  }
}

export class ChatState {
  /** @param {{ readMarks?: (me: string) => object }} options where this tab has read up to, by conversation key */
  constructor({ readMarks = () => ({}) } = {}) {
    this.readMarks = readMarks;
    this.view = 'login';
    this.me = null;
    this.guest = true;
    this.admin = false;              // a server administrator (welcome's `admin`)
    this.myStatus = 'online';
    this.users = new Map();          // fold(name) -> { username, status }: everyone online but me (in the subscribed scope, those the page hears of)
    this.lastSeen = new Map();       // fold(name) -> ISO time a user went offline (from presence)
    this.conversations = new Map();  // key -> Conversation
    this.activeKey = null;
    this.historySupported = true;
    this.unsupported = new Set();    // optional frame types this server answered with unknown_type
    this.editing = null;             // { key, messageId } while the composer edits a sent message
    this.replying = null;            // { key, quote } while the composer writes a reply (quote: as `replyTo` carries it)
    this.typingSent = null;          // { key, target, at }: where we last said we are typing
    this.membersOpen = false;        // the members panel of the open room is shown
    this.invitations = new Map();    // fold(room) -> { room, by, private }: pending, accepted by joining
    this.browseNext = null;          // the cursor of the room list's next page, null on its last
    this.pinnedToBottom = true;      // the message list was scrolled to the end (kept there as images load)
  }

  ensureConversation(kind, name) {
    const key = conversationKey(kind, name);
    let conv = this.conversations.get(key);
    if (!conv) {
      conv = new Conversation(kind, name);
      conv.readSeq = (this.me ? this.readMarks(this.me)[key] : 0) || 0;
      this.conversations.set(key, conv);
    }
    return conv;
  }

  activeConversation() {
    return this.conversations.get(this.activeKey) || null;
  }

  /**
   * Kind and name of the conversation an event belongs to: its `room`, or for a direct one the
   * partner of `actor` (the server sets `to` to the partner of the one who acted).
   */
  eventConversation(payload, actor) {
    if (typeof payload.room === 'string') return ['room', payload.room];
    if (typeof payload.to === 'string') return ['direct', sameName(actor, this.me) ? payload.to : String(actor)];
    return ['room', GENERAL];
  }

  /** The conversation a `new_message` payload belongs to (created when new). */
  conversationOfMessage(msg) {
    return this.ensureConversation(...this.eventConversation(msg, msg.from));
  }

  /** The conversation of an event about existing messages or members, if this page knows it. */
  knownConversation(payload, actor) {
    return this.conversations.get(conversationKey(...this.eventConversation(payload, actor))) || null;
  }

  /** Forgets everything about the user who was logged in (back to the login screen). */
  forgetUser() {
    this.me = null;
    this.users.clear();
    this.lastSeen.clear();
    this.conversations.clear();
    this.activeKey = null;
    this.editing = null;
    this.replying = null;
    this.typingSent = null;
    this.membersOpen = false;
  }

  /**
   * Entering the subscribed scope: from now on only the changes of direct partners and of `names`
   * (those the page subscribes to) come; the statuses of everyone else would go stale.
   */
  keepPresenceOf(names) {
    const kept = new Set(names.map(fold));
    for (const key of [...this.users.keys()]) {
      if (!kept.has(key) && !this.conversations.has(conversationKey('direct', key))) this.users.delete(key);
    }
  }

  /** Applies one presence change: another user's status, or the echo of our own. */
  applyPresence(change) {
    if (!change || typeof change.username !== 'string') return;
    const status = String(change.status || 'online');
    if (sameName(change.username, this.me)) {
      if (STATUSES.includes(status)) this.myStatus = status;
      return;
    }
    const key = fold(change.username);
    if (status === 'offline') {
      this.users.delete(key);
      if (typeof change.lastSeen === 'string') this.lastSeen.set(key, change.lastSeen);
    } else {
      this.users.set(key, { username: change.username, status: STATUSES.includes(status) ? status : 'online' });
      this.lastSeen.delete(key);
    }
  }
}
