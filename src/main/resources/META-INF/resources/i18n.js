// User-interface strings. Only English for now; another language adds a table with the same
// keys and `setLocale` picks it. Values are plain text (they are always put in the DOM as
// text, never as HTML); `{name}` placeholders are replaced by `t(key, { name })`.

const STRINGS = {
  en: {
    'app.title': 'Majlis',
    'login.heading': 'Join as a guest',
    'login.or': 'or',
    'login.restoring': 'Signing you back in…',
    'account.heading': 'Sign in',
    'account.subtitle': 'Use your account, or create one.',
    'account.username': 'Username',
    'account.password': 'Password',
    'account.hint': 'At least 8 characters.',
    'account.signin': 'Sign in',
    'account.register': 'Create account',
    'account.working': 'Please wait…',
    'account.empty': 'Please enter a username and a password.',
    'account.wrong_password': 'Wrong username or password.',
    'account.short_password': 'The password needs at least 8 characters.',
    'account.name_taken': 'That username is already taken. Pick another one, or sign in if it is yours.',
    'account.name_invalid': 'That username is not allowed. Use 1–32 letters or digits (any script), _ - or ., starting with a letter or digit.',
    'account.too_many': 'Too many sign-in attempts. Please wait {seconds} s and try again.',
    'account.server_error': 'The server could not do that right now ({status}). Please try again.',
    'account.guest': 'Guest',
    'account.member': 'Account',
    'login.subtitle': 'Pick a name to chat as a guest.',
    'login.name': 'Your name',
    'login.placeholder': 'e.g. sara or أحمد',
    'login.submit': 'Join',
    'login.connecting': 'Connecting…',
    'login.hint': '1–32 letters or digits of any script, or _ - . ; starting with a letter or digit.',
    'error.empty_name': 'Please enter a name.',
    'error.username_invalid': 'That name is not allowed. Use 1–32 letters or digits (any script), _ - or ., starting with a letter or digit.',
    'error.username_taken': 'That name is already taken. Please choose another one.',
    'error.guests_disabled': 'Guest access is disabled on this server.',
    'error.auth_failed': 'Your session is no longer valid. Please log in again.',
    'error.rate_limited': 'You are sending too fast. Please wait a moment and try again.',
    'error.rate_limited_wait': 'You are sending too fast. Wait {seconds} s, then retry.',
    'error.session_expired': 'Your session has ended. Please sign in again.',
    'error.policy_closed': 'The server ended your session. Please sign in again.',
    'error.disconnected': 'Cannot reach the server. Check your connection and try again.',
    'error.timeout': 'The server did not answer in time. Please try again.',
    'error.too_large': 'That message is too long.',
    'error.invalid_payload': 'That message cannot be sent.',
    'error.user_not_found': 'There is no such user (guests can only be reached while they are online).',
    'error.forbidden': 'You are not allowed to do that.',
    'error.room_not_found': 'That room does not exist.',
    'error.not_logged_in': 'You are not logged in.',
    'error.room_exists': 'A room with that name already exists.',
    'error.not_found': 'That message no longer exists.',
    'error.file_too_large': 'File too large.',
    'error.upload_failed': 'The file could not be uploaded.',
    'error.aborted': 'Cancelled.',
    'error.generic': 'Something went wrong ({code}).',
    'chat.rooms': 'Rooms',
    'chat.directs': 'Direct messages',
    'chat.online': 'Online',
    'chat.nobody_online': 'Nobody else is online yet.',
    'chat.no_directs': 'Click someone in the online list to start a private conversation.',
    'chat.empty': 'No messages yet. Say hello!',
    'chat.composer_placeholder_room': 'Message #{name}',
    'chat.composer_placeholder_direct': 'Message {name}',
    'chat.send': 'Send',
    'chat.message_label': 'Message',
    'chat.you': 'you',
    'chat.signed_in_as': 'Signed in as',
    'chat.status': 'Status',
    'chat.menu': 'Conversations',
    'chat.unread': '{count} unread',
    'chat.direct_title': 'Private conversation with {name}',
    'chat.room_title': 'Public room',
    'chat.logout': 'Log out',
    'chat.sending': 'Sending…',
    'chat.not_sent': 'Not sent: {reason}',
    'chat.retry': 'Retry',
    'chat.discard': 'Discard',
    'chat.history_loading': 'Loading earlier messages…',
    'chat.history_start': 'This is the beginning of the conversation.',
    'chat.history_more': 'Scroll up for earlier messages.',
    'chat.history_failed': 'Earlier messages could not be loaded.',
    'chat.composer_hint': 'Enter to send, Shift+Enter for a new line',
    'chat.private_room': 'Private room',
    'rooms.new': 'New room',
    'rooms.browse': 'Browse',
    'rooms.browse_title': 'Browse public rooms',
    'rooms.create_heading': 'Create a room',
    'rooms.name': 'Room name',
    'rooms.private': 'Private: people join only when a member invites them',
    'rooms.members_label': 'Add members (optional)',
    'rooms.members_hint': 'Usernames, separated by commas or spaces.',
    'rooms.create': 'Create',
    'rooms.cancel': 'Cancel',
    'rooms.close': 'Close',
    'rooms.browse_heading': 'Rooms',
    'rooms.loading': 'Loading rooms…',
    'rooms.none': 'There are no public rooms yet.',
    'rooms.join': 'Join',
    'rooms.open': 'Open',
    'rooms.leave': 'Leave',
    'rooms.confirm_leave': 'Leave the room?',
    'rooms.members': 'Members',
    'rooms.member_count.one': '{count} member',
    'rooms.member_count.other': '{count} members',
    'rooms.members_unknown': 'The member list shows once you join or are added.',
    'rooms.owner': 'owner',
    'rooms.invite': 'Invite',
    'rooms.invite_label': 'Invite someone to this room',
    'rooms.invite_placeholder': 'Username',
    'rooms.invited': '{name} is now a member.',
    'rooms.empty_name': 'Please enter a room name.',
    'rooms.name_invalid': 'That room name is not allowed. Use 1–32 letters or digits (any script), _ - or ., starting with a letter or digit.',
    'rooms.member_not_found': 'One of those users does not exist.',
    'rooms.private_icon': 'Private',
    'typing.one': '{name} is typing…',
    'typing.two': '{first} and {second} are typing…',
    'typing.many': 'Several people are typing…',
    'receipts.sent': 'Sent',
    'receipts.read': 'Read',
    'receipts.seen_by': 'Seen by {names}',
    'receipts.seen_by_more': 'Seen by {names} and {count} more',
    'reactions.add': 'Add a reaction',
    'reactions.picker': 'Pick a reaction',
    'reactions.by': '{emoji} by {names}',
    'message.actions': 'Message actions',
    'message.edit': 'Edit',
    'message.delete': 'Delete',
    'message.confirm_delete': 'Delete?',
    'message.edited': '(edited)',
    'message.edited_at': 'Edited {time}',
    'message.deleted': 'message deleted',
    'message.editing': 'Editing your message. Enter saves, Escape cancels.',
    'message.cancel_edit': 'Cancel',
    'message.edit_failed': 'Not edited: {reason}',
    'message.empty_edit': 'The message cannot be empty.',
    'files.attach': 'Attach files',
    'files.drop': 'Drop files here to attach them',
    'files.remove': 'Remove {name}',
    'files.wait': 'Wait until the files have finished uploading.',
    'files.too_many': 'At most {count} files per message.',
    'files.failed': 'Not uploaded: {reason}',
    'status.online': 'Online',
    'status.away': 'Away',
    'status.busy': 'Busy',
    'status.offline': 'Offline',
    'banner.connecting': 'Connecting…',
    'banner.reconnecting': 'Connection lost. Reconnecting…',
    'banner.reconnecting_in': 'Connection lost. Reconnecting in {seconds} s…',
    'banner.logging_in': 'Reconnected, logging in again…',
    'banner.closed': 'Disconnected from the server.',
    'banner.retry': 'Retry now',
    'banner.reload': 'Reload',
  },
};

let locale = 'en';

export function setLocale(name) {
  if (STRINGS[name]) locale = name;
  return locale;
}

export function t(key, vars = {}) {
  const table = STRINGS[locale] || STRINGS.en;
  const template = table[key] ?? STRINGS.en[key] ?? key;
  return template.replace(/\{(\w+)\}/g, (m, name) => (name in vars ? String(vars[name]) : m));
}

export function getLocale() {
  return locale;
}

/** A count with its plural form: `key.one`, `key.two`, `key.few`... as the locale needs, else `key.other`. */
export function plural(key, count, vars = {}) {
  const table = STRINGS[locale] || STRINGS.en;
  const exact = `${key}.${new Intl.PluralRules(locale).select(count)}`;
  return t(exact in table || exact in STRINGS.en ? exact : `${key}.other`, { count, ...vars });
}

/** "a, b and c" in the page's language. */
export function formatList(items) {
  return new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' }).format(items.map(String));
}

/** A file size in the page's language: "950 B", "12 kB", "3.4 MB". */
export function formatSize(bytes) {
  const size = Math.max(0, Number(bytes) || 0);
  const [value, unit] = size >= 1e6 ? [size / 1e6, 'megabyte'] : size >= 1e3 ? [size / 1e3, 'kilobyte'] : [size, 'byte'];
  // 'short' spells bytes out ("900 byte"); 'narrow' gives "900B".
  const unitDisplay = unit === 'byte' ? 'narrow' : 'short';
  return new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay, maximumFractionDigits: 1 }).format(value);
}

/** Text for an error code from the server or the client. */
export function errorText(code) {
  const key = `error.${code}`;
  const table = STRINGS[locale] || STRINGS.en;
  if (key in table || key in STRINGS.en) return t(key);
  return t('error.generic', { code });
}
