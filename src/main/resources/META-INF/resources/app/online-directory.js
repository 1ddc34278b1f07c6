// The online list above the presence threshold, without any DOM: who is online, in the server's
// order, a page of `users` at a time, narrowed to the names that start with a filter. The names
// stay listed once loaded; whether each is online now is the page's presence state.

import { startsWithName } from './name-lists.js';
import { fold } from './state.js';

const USERS_PAGE = 50;

export class OnlineDirectory {
  /** @param {(request: { prefix?, after?, limit }) => Promise<{ users, next? }>} fetchPage a `users` request */
  constructor(fetchPage, { pageSize = USERS_PAGE } = {}) {
    this.fetchPage = fetchPage;
    this.pageSize = pageSize;
    this.prefix = '';
    this.names = [];          // loaded for this prefix, in the server's order (some may have gone offline since)
    this.keys = new Set();    // fold() of each of names
    this.next = null;         // the `after` of the next page
    this.complete = false;    // the last page is in
    this.loading = null;      // the page on its way
    this.generation = 0;      // a reset makes the answers to earlier requests stale
  }

  /** Starts again from the first page, for `prefix` (by default the same one). */
  reset(prefix = this.prefix) {
    this.prefix = prefix;
    this.names = [];
    this.keys.clear();
    this.next = null;
    this.complete = false;
    this.loading = null;
    this.generation += 1;
  }

  /**
   * Asks for the next page. Resolves with its users (`{ username, status }`), or null when the
   * directory was reset meanwhile or has nothing more to load; rejects with the request's error.
   */
  loadMore() {
    if (this.loading) return this.loading;
    if (this.complete) return Promise.resolve(null);
    const generation = this.generation;
    const request = { limit: this.pageSize };
    if (this.prefix) request.prefix = this.prefix;
    if (this.next) request.after = this.next;
    const page = this.fetchPage(request).then((reply) => {
      if (generation !== this.generation) return null;
      const users = (Array.isArray(reply?.users) ? reply.users : []).filter((u) => typeof u?.username === 'string');
      users.forEach((u) => this.add(u.username, this.names.length));
      this.next = typeof reply.next === 'string' ? reply.next : null;
      this.complete = this.next === null;
      return users;
    }).finally(() => {
      if (generation === this.generation) this.loading = null;
    });
    this.loading = page;
    return page;
  }

  has(name) {
    return this.keys.has(fold(name));
  }

  /**
   * Someone came online (a subscribed user, a direct partner): listed where the name belongs when
   * it matches the filter and the pages loaded reach that far. True when it was added.
   */
  noteOnline(name) {
    if (this.has(name) || !startsWithName(name, this.prefix)) return false;
    const key = fold(name);
    const last = this.names[this.names.length - 1];
    if (!this.complete && (last === undefined || key > fold(last))) return false;
    const after = this.names.findIndex((listed) => fold(listed) > key);
    this.add(name, after < 0 ? this.names.length : after);
    return true;
  }

  add(name, at) {
    if (this.has(name)) return;
    this.keys.add(fold(name));
    this.names.splice(at, 0, name);
  }
}
