// Presence on the page: the statuses of welcome and of `presence` events (the answers to our
// subscriptions among them), the switches between the `all` and the `subscribed` scope, and in
// the subscribed scope the online directory's pages and one subscription to whatever the views
// show (protocol.md, "Presence").

import { client, directory, interest, state } from './context.js';
import { sameName } from './state.js';
import { renderHeader } from './views/conversation.js';
import { el } from './views/dom.js';
import { renderSidebar } from './views/sidebar.js';

// Views settle (a render, a page arriving) before one subscription for all of them goes out.
const SUBSCRIBE_DELAY_MS = 100;

export const subscribedScope = () => client.presence === 'subscribed';

/** Presence changes; our own, echoed back, keeps the status selector in sync. */
function applyPresence(changes) {
  const before = state.myStatus;
  changes.forEach((change) => state.applyPresence(change));
  if (state.myStatus !== before) el.statusSelect.value = state.myStatus;
}

/** Each login's welcome: whom it lists (everyone online, or above the threshold the direct partners online). */
export function welcomePresence(welcome) {
  state.users.clear();
  applyPresence(Array.isArray(welcome.users) ? welcome.users : []);
  interest.newConnection();
  directory.reset();
  if (subscribedScope()) loadOnlinePage();
}

export function onPresence(payload) {
  const changes = Array.isArray(payload.changes) ? payload.changes : [payload];
  if (payload.scope === 'all') state.users.clear(); // its changes list everyone online
  applyPresence(changes);
  if (payload.scope === 'subscribed') {
    // Only the changes of direct partners and of the names subscribed to come from now on.
    state.keepPresenceOf(interest.list());
    directory.reset();
    loadOnlinePage();
  } else if (subscribedScope()) {
    for (const { username, status } of changes) {
      if (typeof username === 'string' && status !== 'offline' && !sameName(username, state.me)) directory.noteOnline(username);
    }
  }
  renderSidebar();
  renderHeader();
}

/** A `users` frame that answers no request of ours: a server that lists everyone online. */
export function onUsers(payload) {
  if (payload.ref || !Array.isArray(payload.users)) return;
  state.users.clear();
  applyPresence(payload.users);
  renderSidebar();
  renderHeader();
}

/** The online directory's next page (its first after a reset), with their statuses; subscribes to the names listed. */
export async function loadOnlinePage() {
  const loading = directory.loadMore();
  renderSidebar();
  try {
    const users = await loading;
    if (users) {
      applyPresence(users);
      showingPresence('online', directory.names);
    }
  } catch (e) {
    console.info('majlis: online list not loaded', e.code); // "More" asks again
  }
  renderSidebar();
}

/** The online list narrowed to the names that start with `prefix`, from its first page. */
export function filterOnline(prefix) {
  if (prefix === directory.prefix) return;
  directory.reset(prefix);
  loadOnlinePage();
}

let subscribeTimer = null;

/**
 * The names the view `source` ('direct', 'members', 'online') shows now. In the subscribed scope
 * the page subscribes to every view's names together (the answer comes as a `presence` event).
 */
export function showingPresence(source, names) {
  interest.want(source, names.filter((name) => !sameName(name, state.me)));
  if (subscribeTimer) return;
  subscribeTimer = setTimeout(() => {
    subscribeTimer = null;
    if (!subscribedScope() || !client.loggedIn) return; // the scope switch or the next welcome syncs
    interest.sync().catch((e) => console.info('majlis: presence not subscribed', e.code));
  }, SUBSCRIBE_DELAY_MS);
}
