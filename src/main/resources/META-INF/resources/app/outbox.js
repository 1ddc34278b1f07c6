// Our messages between the composer and the server's ack, without any DOM. Each keeps the frame
// id it was first sent with: a retry, or a send after a reconnect, reuses it, so the server can
// tell a resend from a new message. States: 'queued' (waiting for the connection), 'sending'
// (no answer yet), 'failed' (refused; Retry or Discard). The screen follows through `view`.

import { attachmentIds } from './messages-model.js';

export class Outbox {
  /**
   * @param {object} options
   * @param {object} options.client the MajlisClient (sendMessage, privateMessage, newId, loggedIn, state)
   * @param {() => string} options.me our username
   * @param {object} options.view callbacks: `update(conv, pending)` (show it as it is now),
   *   `remove(conv, pending)`, `failed(conv, pending, error)`, `delivered(conv, message)` (the
   *   ack came before our own new_message: the message to show now)
   */
  constructor({ client, me, view }) {
    this.client = client;
    this.me = me;
    this.view = view;
  }

  /**
   * A new message, waiting until `transmit` (at once when connected, else after the reconnect);
   * `replyTo`: the quote of the message it answers, or null.
   */
  add(conv, text, attachments, replyTo = null) {
    const pending = { id: this.client.newId('m'), text, attachments, replyTo, status: 'queued', error: null, uncertain: false };
    conv.pending.set(pending.id, pending);
    this.view.update(conv, pending);
    return pending;
  }

  /** Sends (or, from Retry, resends with the same frame id) a pending message. */
  async transmit(conv, pending) {
    pending.status = 'sending';
    pending.error = null;
    this.view.update(conv, pending);
    const extra = {};
    if (pending.attachments.length) extra.attachments = pending.attachments.map((a) => a.id);
    if (pending.replyTo) extra.replyTo = pending.replyTo.id;
    try {
      const ack = conv.kind === 'room'
        ? await this.client.sendMessage(conv.name, pending.text, extra, { id: pending.id })
        : await this.client.privateMessage(conv.name, pending.text, extra, { id: pending.id });
      this.acked(conv, pending, ack);
    } catch (e) {
      if (!conv.pending.has(pending.id)) return; // discarded, or its new_message already arrived
      if (e.code === 'disconnected' || e.code === 'timeout') pending.uncertain = true;
      if (e.code === 'disconnected' && this.client.state !== 'closed') {
        // The connection dropped: it goes again (same id) after the reconnect, unless the catch-up finds it stored.
        this.queue(conv, pending);
        return;
      }
      pending.status = 'failed';
      pending.error = e;
      this.view.update(conv, pending);
      this.view.failed(conv, pending, e);
    }
  }

  /** Keeps a message until the connection is back (shown as waiting); sendQueued sends it. */
  queue(conv, pending) {
    pending.status = 'queued';
    pending.error = null;
    this.view.update(conv, pending);
  }

  /** Retry of a failed message: now when connected, else once the connection is back. */
  retry(conv, pending) {
    if (this.client.loggedIn) this.transmit(conv, pending);
    else this.queue(conv, pending);
  }

  discard(conv, pending) {
    conv.pending.delete(pending.id);
    this.view.remove(conv, pending);
  }

  /** After a reconnect and its catch-up: every queued message, in the order they were written. */
  sendQueued(conversations) {
    if (!this.client.loggedIn) return;
    for (const conv of conversations) {
      for (const pending of [...conv.pending.values()]) {
        if (pending.status === 'queued') this.transmit(conv, pending);
      }
    }
  }

  /**
   * Our own message came back: it replaces the oldest pending message with the same text and files.
   * Live (a new_message before its ack): one being sent, since frames of one connection arrive in
   * order. Any copy, live or from history: one whose send got no answer before the connection
   * dropped (`uncertain`), which the server may have stored after all; it is then not sent again.
   */
  adopt(conv, msg, { live }) {
    for (const pending of conv.pending.values()) {
      const candidate = pending.uncertain || (live && pending.status === 'sending');
      if (candidate && pending.text === msg.message
          && attachmentIds(pending.attachments) === attachmentIds(msg.attachments)) {
        conv.pending.delete(pending.id);
        pending.messageId = msg.id;
        this.view.remove(conv, pending);
        return;
      }
    }
  }

  acked(conv, pending, ack) {
    if (!conv.pending.has(pending.id)) return; // its new_message came first
    conv.pending.delete(pending.id);
    this.view.remove(conv, pending);
    if (ack && ack.messageId && !conv.byId.has(String(ack.messageId))) {
      // The ack came before our own new_message: show the message now (the echo is deduped).
      this.view.delivered(conv, {
        id: String(ack.messageId),
        seq: ack.seq,
        ...conv.target,
        from: this.me(),
        message: pending.text,
        timestamp: new Date().toISOString(),
        attachments: pending.attachments,
        ...(pending.replyTo ? { replyTo: pending.replyTo } : {}),
      });
    }
  }
}
