// @mentions in the composer: "@" and the start of a name (before the cursor) lists who can be
// named here (a room's members, the direct partner, people online), those starting with it; ↑/↓
// choose, Enter or Tab puts "@name " in, Escape closes. The composer keeps the focus throughout
// (a combobox: aria-activedescendant points at the option chosen).

import { plural } from '../../i18n.js';
import { state } from '../context.js';
import { byName, startsWithName } from '../name-lists.js';
import { fold, sameName } from '../state.js';
import { listOption } from './common.js';
import { el } from './dom.js';

const MAX_SHOWN = 8;
// "@" at the start or after a space or punctuation, then the name typed so far, up to the cursor.
const TYPED = /(?<![\p{L}\p{N}\p{M}_.-])@([\p{L}\p{N}\p{M}_.-]*)$/u;

let matches = [];
let selected = 0;
let typedAt = -1; // where the "@" is in the composer's text, while the list is open

/** Everyone who can be named in the open conversation, each once, sorted. */
function candidates() {
  const conv = state.activeConversation();
  if (!conv) return [];
  const names = new Map();
  const add = (name) => { if (!sameName(name, state.me) && !names.has(fold(name))) names.set(fold(name), name); };
  if (conv.kind === 'direct') add(conv.name);
  (conv.members || []).forEach(add);
  for (const user of state.users.values()) add(user.username);
  return [...names.values()].sort(byName);
}

/** After each input and caret move: opens, narrows or closes the list. */
export function updateMentionPicker() {
  const before = el.composer.value.slice(0, el.composer.selectionStart);
  const typed = el.composer.selectionStart === el.composer.selectionEnd ? TYPED.exec(before) : null;
  const found = typed ? candidates().filter((name) => startsWithName(name, typed[1])).slice(0, MAX_SHOWN) : [];
  if (found.length === 0) {
    closeMentionPicker();
    return;
  }
  typedAt = typed.index;
  if (matches.join() !== found.join()) selected = 0;
  matches = found;
  render();
}

export function closeMentionPicker() {
  if (el.mentionList.hidden) return;
  matches = [];
  typedAt = -1;
  el.mentionList.hidden = true;
  el.mentionList.replaceChildren();
  el.composer.setAttribute('aria-expanded', 'false');
  el.composer.removeAttribute('aria-activedescendant');
}

function render() {
  el.mentionList.replaceChildren(...matches.map((name, i) => {
    const li = listOption('mention', i, i === selected);
    const label = document.createElement('bdi');
    label.textContent = `@${name}`;
    li.append(label);
    return li;
  }));
  el.mentionList.hidden = false;
  el.composer.setAttribute('aria-expanded', 'true');
  el.composer.setAttribute('aria-activedescendant', `mention-option-${selected}`);
  el.mentionStatus.textContent = plural('mention.count', matches.length);
}

/** Replaces the "@…" typed by "@name " and puts the cursor after it. */
function choose(index) {
  const name = matches[index];
  if (!name) return;
  const value = el.composer.value;
  const end = el.composer.selectionStart;
  const inserted = `@${name} `;
  el.composer.value = `${value.slice(0, typedAt)}${inserted}${value.slice(end)}`;
  const caret = typedAt + inserted.length;
  el.composer.setSelectionRange(caret, caret);
  closeMentionPicker();
  el.composer.dispatchEvent(new Event('input', { bubbles: true }));
}

/** The composer's keydown while the list is open: true when the key was the list's. */
export function onMentionKeydown(event) {
  if (el.mentionList.hidden || event.isComposing) return false;
  const step = { ArrowDown: 1, ArrowUp: -1 }[event.key];
  if (step) {
    selected = (selected + step + matches.length) % matches.length;
    render();
  } else if ((event.key === 'Enter' || event.key === 'Tab') && !event.shiftKey) {
    choose(selected);
  } else if (event.key === 'Escape') {
    closeMentionPicker();
  } else {
    return false;
  }
  event.preventDefault();
  return true;
}

export function wireMentionPicker() {
  el.mentionList.addEventListener('pointerdown', (event) => {
    // The composer keeps the focus (and its cursor) while an option is clicked.
    event.preventDefault();
    const option = event.target.closest('[data-index]');
    if (option) choose(Number(option.dataset.index));
  });
  el.composer.addEventListener('click', updateMentionPicker);
  el.composer.addEventListener('blur', closeMentionPicker);
}
