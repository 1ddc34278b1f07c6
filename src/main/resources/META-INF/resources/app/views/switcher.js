// The quick switcher (Ctrl+K, ⌘K): a name typed, the rooms, direct conversations and people
// online whose name has it (those starting with it first), and last "Search messages for …";
// ↑/↓ choose, Enter opens, Escape closes.

import { plural, t } from '../../i18n.js';
import { state } from '../context.js';
import { byName } from '../name-lists.js';
import { fold, sameName } from '../state.js';
import { openConversation, openDirect } from './conversation.js';
import { isCommandKey, isolatedText, listOption } from './common.js';
import { el } from './dom.js';
import { openSearch } from './search.js';
import { searchable } from '../search-model.js';

const MAX_SHOWN = 12;

let matches = [];
let selected = 0;

/** Everything one can go to: { kind: 'room' | 'direct' | 'user', name, key? }. */
function destinations() {
  const conversations = [...state.conversations.values()].map((conv) => ({ kind: conv.kind, name: conv.name, key: conv.key }));
  const people = [...state.users.values()]
    .filter((user) => !sameName(user.username, state.me) && !state.conversations.has(`dm:${fold(user.username)}`))
    .map((user) => ({ kind: 'user', name: user.username }));
  return [...conversations, ...people];
}

function find(query) {
  const wanted = fold(query.trim());
  const scored = destinations()
    .map((d) => ({ ...d, at: fold(d.name).indexOf(wanted) }))
    .filter((d) => d.at >= 0);
  const sorted = scored.sort((a, b) => Number(b.at === 0) - Number(a.at === 0) || byName(a.name, b.name)).slice(0, MAX_SHOWN);
  return searchable(query) ? [...sorted, { kind: 'search', name: query.trim() }] : sorted;
}

export function openSwitcher() {
  if (state.view !== 'chat') return;
  el.switcherInput.value = '';
  renderMatches();
  el.switcherDialog.showModal();
  el.switcherInput.focus();
}

function renderMatches() {
  matches = find(el.switcherInput.value);
  selected = Math.min(selected, Math.max(0, matches.length - 1));
  el.switcherList.replaceChildren(...matches.map(optionNode));
  el.switcherInput.setAttribute('aria-activedescendant', matches.length ? `switcher-option-${selected}` : '');
  const places = matches.filter((match) => match.kind !== 'search').length;
  el.switcherStatus.textContent = places ? plural('switcher.count', places) : t('switcher.none');
}

function optionNode(match, i) {
  const li = listOption('switcher', i, i === selected);
  const icon = document.createElement('span');
  icon.className = 'switcher-kind';
  icon.setAttribute('aria-hidden', 'true');
  icon.textContent = { room: '#', search: '⌕' }[match.kind] || '@';
  if (match.kind === 'search') {
    li.dataset.testid = 'switcher-search';
    li.append(icon, ...isolatedText('search.in_switcher', { query: match.name }));
    return li;
  }
  const name = document.createElement('bdi');
  name.textContent = match.name;
  const kind = document.createElement('span');
  kind.className = 'switcher-what muted';
  kind.textContent = t(`switcher.${match.kind}`);
  li.append(icon, name, kind);
  return li;
}

function go(match) {
  if (!match) return;
  el.switcherDialog.close();
  if (match.kind === 'search') {
    openSearch(match.name);
    return;
  }
  if (match.key) openConversation(match.key);
  else openDirect(match.name);
  el.composer.focus();
}

function onSwitcherKeydown(event) {
  const step = { ArrowDown: 1, ArrowUp: -1 }[event.key];
  if (step && matches.length) {
    event.preventDefault();
    selected = (selected + step + matches.length) % matches.length;
    renderMatches();
    el.switcherList.children[selected]?.scrollIntoView({ block: 'nearest' });
  } else if (event.key === 'Enter') {
    event.preventDefault();
    go(matches[selected]);
  }
}

export function wireSwitcher() {
  el.switcherInput.addEventListener('input', () => {
    selected = 0;
    renderMatches();
  });
  el.switcherInput.addEventListener('keydown', onSwitcherKeydown);
  el.switcherList.addEventListener('click', (event) => {
    const option = event.target.closest('[data-index]');
    if (option) go(matches[Number(option.dataset.index)]);
  });
}

/** Ctrl+K (⌘K on a Mac) anywhere on the chat screen. */
export const isSwitcherShortcut = (event) => isCommandKey(event, 'k');
