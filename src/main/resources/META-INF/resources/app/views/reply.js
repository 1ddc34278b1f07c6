// Replies: "Reply" on a message puts its quote above the composer (× or Escape cancels) and the
// next message sent answers it (`replyTo`); a reply shows the quote of its original, which a
// click opens (loading older history until it is there).

import { t } from '../../i18n.js';
import { state } from '../context.js';
import { quoteOf } from '../messages-model.js';
import { clip, isolatedText } from './common.js';
import { openConversationAt } from './conversation.js';
import { el } from './dom.js';

const BAR_QUOTE_LENGTH = 120;

/** The composer now writes a reply to `msg` of `conv`. */
export function startReply(conv, msg) {
  state.replying = { key: conv.key, quote: quoteOf(msg) };
  const text = document.createElement('span');
  text.className = 'reply-bar-text';
  text.dir = 'auto';
  text.textContent = clip(String(msg.message ?? '').replace(/\s+/g, ' '), BAR_QUOTE_LENGTH);
  el.replyQuote.replaceChildren(...isolatedText('reply.replying_to', { name: msg.from }), ' ', text);
  el.replyBar.hidden = false;
  el.composer.focus();
}

export function cancelReply() {
  state.replying = null;
  el.replyBar.hidden = true;
  el.replyQuote.replaceChildren();
}

/** The quote of the message being answered in `conv` (taken: the bar closes), or null. */
export function takeReply(conv) {
  const quote = state.replying?.key === conv.key ? state.replying.quote : null;
  cancelReply();
  return quote;
}

/** The quote at the top of a reply: author and the start of the original, or that it was deleted. */
export function quoteNode(replyTo) {
  if (replyTo.deleted) {
    const gone = document.createElement('div');
    gone.className = 'message-quote deleted';
    gone.dataset.testid = 'message-quote';
    gone.textContent = t('reply.original_deleted');
    return gone;
  }
  const quote = document.createElement('button');
  quote.type = 'button';
  quote.className = 'message-quote';
  quote.dataset.testid = 'message-quote';
  quote.dataset.action = 'quote';
  quote.dataset.quotedId = String(replyTo.id);
  const from = document.createElement('bdi');
  from.className = 'message-quote-from';
  from.textContent = String(replyTo.from ?? '');
  const text = document.createElement('span');
  text.className = 'message-quote-text';
  text.dir = 'auto';
  text.dataset.testid = 'message-quote-text';
  text.textContent = String(replyTo.message ?? '');
  quote.title = t('reply.show_original');
  quote.append(from, text);
  return quote;
}

/** A click on a quote: its original, flashed (loaded first when it is older than what is shown). */
export function showQuoted(conv, quote) {
  openConversationAt(conv.key, quote.dataset.quotedId, null, { focus: true });
}
