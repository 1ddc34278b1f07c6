// The emoji picker over the bundled set (app/emoji-data.js, no external fetch): a search box
// (English and Arabic words) and a grid of emoji, one Tab stop, the arrow keys moving in it
// (mirrored right to left). Enter or a click picks; Escape closes and returns the focus to what
// opened it. The composer inserts the emoji; the reaction picker's "+" reacts with it.

import { getLocale, isRightToLeft, plural, t } from '../../i18n.js';
import { searchEmoji } from '../emoji-data.js';

const COLUMNS = 8; // the grid's columns (messages.css): ↑/↓ move by this much

let current = null; // { node, anchor, onPick }

/** Opens the picker in `container` for `anchor` (the button that opened it); `onPick(emoji)` on a choice. */
export function openEmojiPicker({ anchor, container, onPick }) {
  closeEmojiPicker();
  if (anchor.hasAttribute('aria-expanded')) anchor.setAttribute('aria-expanded', 'true');
  const node = document.createElement('div');
  node.className = 'emoji-picker';
  node.dataset.testid = 'emoji-picker';
  node.setAttribute('role', 'dialog');
  node.setAttribute('aria-label', t('emoji.picker'));
  const search = document.createElement('input');
  search.type = 'search';
  search.className = 'text-input small emoji-search';
  search.dataset.testid = 'emoji-search';
  search.dir = 'auto';
  search.placeholder = t('emoji.search_placeholder');
  search.setAttribute('aria-label', t('emoji.search'));
  const status = document.createElement('p');
  status.className = 'visually-hidden';
  status.setAttribute('role', 'status');
  const grid = document.createElement('div');
  grid.className = 'emoji-grid';
  grid.dataset.testid = 'emoji-grid';
  grid.setAttribute('role', 'group');
  grid.setAttribute('aria-label', t('emoji.picker'));
  node.append(search, status, grid);
  current = { node, anchor, onPick };

  const render = () => {
    const found = searchEmoji(search.value);
    grid.replaceChildren(...found.map((entry, i) => emojiButton(entry, i === 0)));
    status.textContent = found.length ? plural('emoji.count', found.length) : t('emoji.none');
  };
  search.addEventListener('input', render);
  node.addEventListener('keydown', onPickerKeydown);
  grid.addEventListener('click', (event) => {
    const button = event.target.closest('[data-emoji]');
    if (button) pick(button.dataset.emoji);
  });
  render();
  container.append(node);
  search.focus();
}

function emojiButton(entry, first) {
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'emoji-option';
  button.dataset.testid = 'emoji-option';
  button.dataset.emoji = entry.emoji;
  button.tabIndex = first ? 0 : -1;
  button.textContent = entry.emoji;
  button.title = (getLocale() === 'ar' ? entry.ar : entry.en)[0];
  button.setAttribute('aria-label', button.title);
  return button;
}

function pick(emoji) {
  const { onPick } = current;
  closeEmojiPicker();
  onPick(emoji);
}

/** Closes the picker, if open; true when it was. */
export function closeEmojiPicker({ focusAnchor = false } = {}) {
  if (!current) return false;
  const { node, anchor } = current;
  current = null;
  node.remove();
  if (anchor.hasAttribute('aria-expanded')) anchor.setAttribute('aria-expanded', 'false');
  if (focusAnchor) anchor.focus();
  return true;
}

function onPickerKeydown(event) {
  if (event.key === 'Escape') {
    event.preventDefault();
    event.stopPropagation();
    closeEmojiPicker({ focusAnchor: true });
    return;
  }
  const options = [...current.node.querySelectorAll('.emoji-option')];
  if (event.target.classList.contains('emoji-search')) {
    if (event.key === 'Enter' && options[0]) {
      event.preventDefault();
      pick(options[0].dataset.emoji);
    } else if (event.key === 'ArrowDown' && options[0]) {
      event.preventDefault();
      options[0].focus();
    }
    return;
  }
  const at = options.indexOf(event.target);
  if (at < 0) return;
  const forward = isRightToLeft() ? 'ArrowLeft' : 'ArrowRight';
  const backward = isRightToLeft() ? 'ArrowRight' : 'ArrowLeft';
  const to = {
    [forward]: at + 1, [backward]: at - 1, ArrowDown: at + COLUMNS, ArrowUp: at - COLUMNS, Home: 0, End: options.length - 1,
  }[event.key];
  if (to === undefined) return;
  event.preventDefault();
  if (to < 0) {
    current.node.querySelector('.emoji-search').focus();
    return;
  }
  const next = options[Math.min(to, options.length - 1)];
  options[at].tabIndex = -1;
  next.tabIndex = 0;
  next.focus();
}

/** A press outside the open picker (and its button) closes it. */
export function onPointerDownOutside(event) {
  if (current && !current.node.contains(event.target) && !current.anchor.contains(event.target)) closeEmojiPicker();
}
