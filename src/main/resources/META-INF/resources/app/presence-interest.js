// Whose presence the page asks for in the subscribed scope, without any DOM: the names each view
// shows (the open room's members, the online list) as one `presence_subscribe` list of at most
// 500, sent only when it differs from what the connection has (a new connection has nothing).

import { fold } from './state.js';

const MAX_SUBSCRIPTIONS = 500; // the server's majlis.presence.max-subscriptions

export class PresenceInterest {
  /**
   * @param {(names: string[]) => Promise} subscribe sends `presence_subscribe`.
   * @param {object} [options] `sources`: the views, in priority order (the first keep their names
   *   when together they show more than `max`).
   */
  constructor(subscribe, { sources = ['members', 'online'], max = MAX_SUBSCRIPTIONS } = {}) {
    this.subscribe = subscribe;
    this.max = max;
    this.wanted = new Map(sources.map((source) => [source, []]));
    this.sent = '';           // the list the connection has, as listKey() (a new one has none)
  }

  /** What the view `source` shows now (replacing what it showed). */
  want(source, names) {
    if (!this.wanted.has(source)) throw new Error(`unknown presence source ${source}`);
    this.wanted.set(source, [...names]);
  }

  /** Every view's names, each once, at most `max`. */
  list() {
    const keys = new Set();
    const names = [];
    for (const shown of this.wanted.values()) {
      for (const name of shown) {
        if (names.length >= this.max) return names;
        if (keys.has(fold(name))) continue;
        keys.add(fold(name));
        names.push(name);
      }
    }
    return names;
  }

  /**
   * Subscribes to list() unless the connection has that list already. Resolves with the reply
   * (the statuses now), or null when nothing needed sending; rejects with the request's error
   * (the next sync tries again).
   */
  async sync() {
    const names = this.list();
    const key = listKey(names);
    if (key === this.sent) return null;
    this.sent = key;
    try {
      return await this.subscribe(names);
    } catch (e) {
      if (this.sent === key) this.sent = null;
      throw e;
    }
  }

  /** After a reconnect: subscriptions belong to the connection, the new one has none. */
  newConnection() {
    this.sent = '';
  }
}

const listKey = (names) => names.map(fold).sort().join('\n');
