// The message list from the keyboard and on a phone. One Tab stop for the whole list (a roving
// tabindex): the current message takes the focus, ↑/↓ move between messages, Home/End go to the
// first/last, and Tab goes on to the current message's own buttons only. Arrow keys move in the
// reaction picker. A redrawn message keeps the focus where it was. On a phone the actions of a
// message are in a menu, opened by its "⋯" button or a long press, one message at a time.

import { isRightToLeft } from '../../i18n.js';
import { el } from './dom.js';

const LONG_PRESS_MS = 500;
const LONG_PRESS_SLOP_PX = 10; // a finger moving further is scrolling, not pressing
// A message's own controls; an emoji picker open in it keeps its own single Tab stop.
const CONTROLS = 'button:not(.emoji-option), a[href]';

let currentId = null; // the message that is the list's Tab stop, by its key below

const messageKey = (li) => li.dataset.messageId || `pending:${li.dataset.clientId}`;
const messageNodes = () => [...el.messageList.querySelectorAll(':scope > .message')];

function setTabStop(li, on) {
  li.tabIndex = on ? 0 : -1;
  for (const control of li.querySelectorAll(CONTROLS)) control.tabIndex = on ? 0 : -1;
}

/** After any drawing: exactly one message (the current one, else the newest) is in the Tab order. */
export function syncTabStop() {
  const nodes = messageNodes();
  const current = nodes.find((li) => messageKey(li) === currentId) || nodes.at(-1);
  // Drawn since (no tabindex yet), or the Tab stop until now: out of the Tab order.
  for (const li of nodes) if (li !== current && li.getAttribute('tabindex') !== '-1') setTabStop(li, false);
  if (current) setTabStop(current, true);
}

function makeCurrent(li) {
  currentId = messageKey(li);
  syncTabStop();
}

/** Replaces a message's node by its new drawing; the focus, if it was inside, stays on the same thing. */
export function replaceMessageNode(old, fresh) {
  const focused = old.contains(document.activeElement) ? document.activeElement : null;
  if (old.dataset.menuOpen === 'true' && fresh.querySelector('[data-action="more"]')) openMenu(fresh);
  old.replaceWith(fresh);
  syncTabStop();
  if (!focused) return;
  const same = focused === old ? null : fresh.querySelector(sameControl(focused));
  (same || fresh).focus({ preventScroll: true });
}

function sameControl(node) {
  const { action, emoji } = node.dataset;
  if (!action) return `[data-testid="${CSS.escape(node.dataset.testid || '')}"]`;
  return `[data-action="${CSS.escape(action)}"]${emoji ? `[data-emoji="${CSS.escape(emoji)}"]` : ''}`;
}

/** The message that `node` is in, or is. */
const messageOf = (node) => node?.closest?.('.message');

function onFocusIn(event) {
  const li = messageOf(event.target);
  if (li && messageKey(li) !== currentId) makeCurrent(li);
}

function onKeydown(event) {
  if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
  const picker = event.target.closest('.reaction-picker');
  if (picker) {
    moveInPicker(event, picker);
    return;
  }
  // ↑/↓ from the message itself: its buttons keep the arrows (a focused link or button does nothing with them).
  const li = event.target.classList?.contains('message') ? event.target : null;
  if (!li) return;
  const nodes = messageNodes();
  const at = nodes.indexOf(li);
  const to = { ArrowUp: at - 1, ArrowDown: at + 1, Home: 0, End: nodes.length - 1 }[event.key];
  if (to === undefined) return;
  event.preventDefault();
  const next = nodes[Math.max(0, Math.min(nodes.length - 1, to))];
  makeCurrent(next);
  next.focus();
}

/** ←/→ (mirrored right to left), Home/End in the reaction picker; it wraps around. */
function moveInPicker(event, picker) {
  const options = [...picker.querySelectorAll('button')];
  const at = options.indexOf(event.target);
  const forward = isRightToLeft() ? 'ArrowLeft' : 'ArrowRight';
  const backward = isRightToLeft() ? 'ArrowRight' : 'ArrowLeft';
  const to = {
    [forward]: at + 1, [backward]: at - 1, ArrowDown: at + 1, ArrowUp: at - 1, Home: 0, End: options.length - 1,
  }[event.key];
  if (to === undefined || at < 0) return;
  event.preventDefault();
  options[(to + options.length) % options.length].focus();
}

// ------------------------------------------------------------------ the phone's message menu

/** Closes the open message menu, if any; true when there was one. */
export function closeMessageMenu({ focusToggle = false } = {}) {
  const open = el.messageList.querySelector('.message[data-menu-open="true"]');
  if (!open) return false;
  delete open.dataset.menuOpen;
  const toggle = open.querySelector('[data-action="more"]');
  toggle?.setAttribute('aria-expanded', 'false');
  if (focusToggle) toggle?.focus();
  return true;
}

export function toggleMessageMenu(li) {
  const wasOpen = li.dataset.menuOpen === 'true';
  closeMessageMenu();
  if (wasOpen) return;
  openMenu(li);
  li.querySelector('.message-actions button')?.focus();
}

function openMenu(li) {
  li.dataset.menuOpen = 'true';
  li.querySelector('[data-action="more"]').setAttribute('aria-expanded', 'true');
}

/** A long press on a message (touch) opens its menu, as the "⋯" button does. */
function wireLongPress(list) {
  let timer = null;
  let start = null;
  const cancel = () => { clearTimeout(timer); timer = null; };
  list.addEventListener('pointerdown', (event) => {
    const li = messageOf(event.target);
    if (event.pointerType !== 'touch' || !li?.querySelector('[data-action="more"]') || event.target.closest(CONTROLS)) return;
    start = { x: event.clientX, y: event.clientY };
    timer = setTimeout(() => { timer = null; toggleMessageMenu(li); }, LONG_PRESS_MS);
  });
  list.addEventListener('pointermove', (event) => {
    if (timer && Math.hypot(event.clientX - start.x, event.clientY - start.y) > LONG_PRESS_SLOP_PX) cancel();
  });
  for (const type of ['pointerup', 'pointercancel']) list.addEventListener(type, cancel);
  // The browser's own long-press menu would cover ours.
  list.addEventListener('contextmenu', (event) => {
    if (messageOf(event.target)?.dataset.menuOpen === 'true') event.preventDefault();
  });
}

/** A tap outside the open menu closes it. */
function onDocumentPointerDown(event) {
  const open = el.messageList.querySelector('.message[data-menu-open="true"]');
  if (open && !open.contains(event.target)) closeMessageMenu();
}

export function wireMessageKeys() {
  el.messageList.addEventListener('focusin', onFocusIn);
  el.messageList.addEventListener('keydown', onKeydown);
  wireLongPress(el.messageList);
  document.addEventListener('pointerdown', onDocumentPointerDown);
}
