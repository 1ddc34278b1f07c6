// Small pieces several views share: notices and errors, two-click confirmation, short texts,
// typing pauses, "More" buttons, lists redrawn without losing the focus, listbox options,
// keyboard shortcuts.

import { errorText, t } from '../../i18n.js';
import { el } from './dom.js';

const CONFIRM_WINDOW_MS = 4000;   // a destructive button waits this long for its second click
const NOTICE_MS = 6000;
const TYPING_PAUSE_MS = 250;

/** The text of `key` with each of `vars` (names) isolated in a <bdi>, as nodes. */
export function isolatedText(key, vars) {
  const names = Object.values(vars);
  const marked = Object.fromEntries(Object.keys(vars).map((name, i) => [name, `\u0000${i}\u0000`]));
  return t(key, marked).split('\u0000').map((part, i) => {
    if (i % 2 === 0) return part;
    const bdi = document.createElement('bdi');
    bdi.textContent = String(names[Number(part)]);
    return bdi;
  });
}

export function sendErrorText(error) {
  if (!error) return errorText('internal');
  if (error.code === 'rate_limited' && error.payload?.retryAfterMs) {
    return t('error.rate_limited_wait', { seconds: Math.max(1, Math.ceil(error.payload.retryAfterMs / 1000)) });
  }
  return errorText(error.code || 'internal');
}

let noticeTimer = null;
export function showNotice(text) {
  el.notice.textContent = text;
  el.notice.hidden = !text;
  clearTimeout(noticeTimer);
  if (text) noticeTimer = setTimeout(() => { el.notice.hidden = true; }, NOTICE_MS);
}

/** An error under a form field (`node`, an alert), or none when `text` is empty; the field says it is invalid. */
export function showFieldError(node, field, text) {
  node.textContent = text;
  node.hidden = !text;
  field.setAttribute('aria-invalid', text ? 'true' : 'false');
}

export function showComposerError(text) {
  el.composerError.textContent = text;
  el.composerError.hidden = !text;
}

/** Runs a command frame; its failure is shown as a notice. */
export async function runCommand(promise) {
  try {
    return await promise;
  } catch (e) {
    showNotice(sendErrorText(e));
    return null;
  }
}

/** First click arms a destructive button (its label asks again); a second click within a few seconds acts. */
export function confirmThen(button, questionKey, action) {
  if (button.dataset.armed === 'true') {
    action();
    return;
  }
  const label = button.textContent;
  button.dataset.armed = 'true';
  button.textContent = t(questionKey);
  setTimeout(() => {
    button.dataset.armed = 'false';
    button.textContent = label;
  }, CONFIRM_WINDOW_MS);
}

/** `fn`, run once typing pauses: one request (or render) per pause rather than per key. */
export function whenTypingPauses(fn) {
  let timer = null;
  return () => {
    clearTimeout(timer);
    timer = setTimeout(fn, TYPING_PAUSE_MS);
  };
}

/**
 * A "More" button's click: `load` adds the next page to `list`. When that was the last page the
 * button hides, and the focus it had goes to the first item added instead of getting lost.
 */
export async function loadMoreKeepingFocus(button, list, load) {
  const hadFocus = document.activeElement === button;
  const shown = list.children.length;
  await load();
  const first = list.children[shown];
  if (!hadFocus || !button.hidden || !first) return;
  const target = first.querySelector('button') || first;
  if (target === first) first.tabIndex = -1; // a list item is not focusable by itself
  target.focus();
}

/** A message as one short line: its text, or that it has files, or that it was deleted (or removed by a moderator). */
export function messageSummary(msg) {
  if (msg.deleted) return t(msg.removed ? 'message.removed' : 'message.deleted');
  const text = String(msg.message ?? '').replace(/\s+/g, ' ').trim();
  if (text) return text;
  return Array.isArray(msg.attachments) && msg.attachments.length > 0 ? t('preview.attachment') : '';
}

/** At most `length` characters (code points, so no emoji is cut in half). */
export function clip(text, length) {
  const chars = [...text];
  return chars.length > length ? `${chars.slice(0, length).join('')}…` : text;
}

/**
 * Redraws a list whose items are told apart by their data-<key>, touching only the items that
 * changed: a click that lands while messages and presence changes redraw the list still reaches
 * its button (a replaced button between mouse down and up gets no click), and a keyboard user in
 * the list (the drawer on a phone) keeps their place instead of landing on the page body.
 */
export function replaceKeepingFocus(list, items, key) {
  const focused = list.contains(document.activeElement) ? document.activeElement.dataset[key] : undefined;
  const old = [...list.children];
  items.forEach((item, i) => {
    if (i >= old.length) list.append(item);
    else if (!old[i].isEqualNode(item)) old[i].replaceWith(item);
  });
  old.slice(items.length).forEach((node) => node.remove());
  if (focused === undefined || list.contains(document.activeElement)) return;
  [...list.querySelectorAll('button')].find((b) => b.dataset[key] === focused)?.focus({ preventScroll: true });
}

/** Ctrl+<key> (⌘<key> on a Mac) without other modifiers: the page's shortcuts. */
export function isCommandKey(event, key) {
  return (event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey && event.key.toLowerCase() === key;
}

/** Option `i` of a listbox that a text field drives (aria-activedescendant): `<name>-option-<i>`. */
export function listOption(name, i, selected) {
  const li = document.createElement('li');
  li.id = `${name}-option-${i}`;
  li.className = `${name}-option`;
  li.dataset.testid = `${name}-option`;
  li.dataset.index = String(i);
  li.setAttribute('role', 'option');
  li.setAttribute('aria-selected', String(selected));
  return li;
}
