// Searching messages (Ctrl+F, ⌘F, or "Search messages for …" in the quick switcher): the people
// and rooms whose name starts with the query, then the messages found, newest first, grouped by
// conversation, the matched words marked. ↑/↓ move between results, Enter opens one (a message
// opens its conversation at it), Escape closes and the focus goes back where it was.

import { getLocale, plural, t } from '../../i18n.js';
import { client, state } from '../context.js';
import { excerpt, groupHits, highlightParts, searchable } from '../search-model.js';
import { conversationKey, sameName } from '../state.js';
import { isCommandKey, runCommand, sendErrorText, whenTypingPauses } from './common.js';
import { openConversation, openConversationAt, openDirect } from './conversation.js';
import { el } from './dom.js';

let found = { hits: [], next: null, people: [], rooms: [] };
let asked = 0;          // the latest search sent: older answers are dropped
let searched = null;    // its query: a pause in typing after Enter searched it asks nothing again
let returnFocus = null; // where the focus goes back when the dialog closes without opening anything

const keyOfMessage = (msg) => conversationKey(...state.eventConversation(msg, msg.from));
const items = () => [...el.searchResults.querySelectorAll('.search-item')];

/** Opens the search box, with `query` searched at once when given. */
export function openSearch(query = '') {
  if (state.view !== 'chat') return;
  if (!el.searchDialog.open) {
    returnFocus = document.activeElement;
    el.searchDialog.showModal();
  }
  el.searchInput.value = query;
  el.searchInput.focus();
  search();
}

async function search({ more = false } = {}) {
  const query = el.searchInput.value.trim();
  const mine = ++asked;
  if (!more) {
    found = { hits: [], next: null, people: [], rooms: [] };
    searched = query;
  }
  if (!searchable(query)) {
    render();
    el.searchStatus.textContent = query ? t('search.need_word') : '';
    return;
  }
  el.searchStatus.textContent = t('search.searching');
  try {
    const page = await client.search(query, more ? { before: found.next } : {});
    if (mine !== asked) return;
    found.hits.push(...(Array.isArray(page.hits) ? page.hits : []));
    found.next = page.next ?? null;
    if (!more) {
      found.people = Array.isArray(page.people) ? page.people : [];
      found.rooms = Array.isArray(page.rooms) ? page.rooms : [];
    }
    render();
  } catch (e) {
    if (mine === asked) el.searchStatus.textContent = t('search.failed', { reason: sendErrorText(e) });
  }
}

function render() {
  const sections = [];
  const people = found.people.filter((name) => !sameName(name, state.me));
  if (people.length) sections.push(section(t('search.people'), people.map((name) => item({ kind: 'person', name }, '@', name))));
  if (found.rooms.length) {
    sections.push(section(t('search.rooms'), found.rooms.map((r) => item({ kind: 'room', name: r.room, joined: String(r.joined === true) }, '#', r.room))));
  }
  let index = 0;
  for (const group of groupHits(found.hits, keyOfMessage)) {
    sections.push(section(groupTitle(group.hits[0].message), group.hits.map((hit) => hitNode(hit, index++))));
  }
  el.searchResults.replaceChildren(...sections);
  el.searchMore.hidden = !found.next;
  const count = found.hits.length;
  el.searchStatus.textContent = count || found.next ? plural(found.next ? 'search.count_more' : 'search.count', count) : t('search.none');
}

function groupTitle(msg) {
  return typeof msg.room === 'string' ? `# ${msg.room}` : state.eventConversation(msg, msg.from)[1];
}

function section(title, nodes) {
  const wrap = document.createElement('section');
  wrap.className = 'search-section';
  const heading = document.createElement('h3');
  heading.className = 'section-title';
  // Isolated: a room's or a person's name keeps its direction, the heading the interface's side.
  const label = document.createElement('bdi');
  label.textContent = title;
  heading.append(label);
  const list = document.createElement('ul');
  list.className = 'search-list';
  list.append(...nodes.map((node) => {
    const li = document.createElement('li');
    li.append(node);
    return li;
  }));
  wrap.append(heading, list);
  return wrap;
}

/** A person or a room found by name. */
function item(data, icon, name) {
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'search-item';
  button.dataset.testid = `search-${data.kind}`;
  Object.assign(button.dataset, data);
  const mark = document.createElement('span');
  mark.className = 'switcher-kind';
  mark.setAttribute('aria-hidden', 'true');
  mark.textContent = icon;
  const label = document.createElement('bdi');
  label.textContent = name;
  button.append(mark, label);
  return button;
}

function hitNode(hit, index) {
  const msg = hit.message;
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'search-item search-hit';
  button.dataset.testid = 'search-hit';
  button.dataset.kind = 'hit';
  button.dataset.index = String(index);
  const meta = document.createElement('span');
  meta.className = 'search-hit-meta muted';
  const from = document.createElement('bdi');
  from.className = 'search-hit-from';
  from.textContent = String(msg.from ?? '');
  const time = document.createElement('time');
  time.dateTime = String(msg.timestamp ?? '');
  const date = new Date(msg.timestamp);
  time.textContent = Number.isNaN(date.getTime()) ? '' : date.toLocaleString(getLocale(), { dateStyle: 'medium', timeStyle: 'short' });
  meta.append(from, ' · ', time);
  const text = document.createElement('span');
  text.className = 'search-hit-text';
  text.dir = 'auto';
  text.dataset.testid = 'search-hit-text';
  const cut = excerpt(msg.message, hit.highlights);
  text.append(...highlightParts(cut.text, cut.ranges).map((part) => {
    if (!part.mark) return document.createTextNode(part.text);
    const marked = document.createElement('mark');
    marked.textContent = part.text;
    return marked;
  }));
  button.append(meta, text);
  return button;
}

async function open(button) {
  const { kind, name } = button.dataset;
  returnFocus = null;
  el.searchDialog.close();
  if (kind === 'person') {
    openDirect(name);
  } else if (kind === 'room') {
    // Not a member yet: joining it (a failure is shown as a notice, and nothing opens).
    if (button.dataset.joined !== 'true' && await runCommand(client.joinRoom(name)) === null) return;
    openConversation(conversationKey('room', name));
  } else {
    const msg = found.hits[Number(button.dataset.index)].message;
    await openConversationAt(state.conversationOfMessage(msg).key, msg.id, msg.seq, { focus: true });
  }
}

function onKeydown(event) {
  if (event.key === 'Escape') {
    // Closes at once, also from a search field that has text (which Escape would only clear).
    event.preventDefault();
    el.searchDialog.close();
    return;
  }
  const step = { ArrowDown: 1, ArrowUp: -1 }[event.key];
  if (!step) return;
  const list = items();
  if (!list.length) return;
  event.preventDefault();
  const at = list.indexOf(document.activeElement);
  if (at < 0) list[step > 0 ? 0 : list.length - 1].focus();
  else if (at + step < 0) el.searchInput.focus();
  else list[Math.min(list.length - 1, at + step)].focus();
}

async function onMore() {
  const before = found.hits.length;
  await search({ more: true });
  // The focus goes on to the first result the page added (or stays on the button).
  const first = el.searchResults.querySelector(`.search-hit[data-index="${before}"]`);
  if (first && (document.activeElement === el.searchMore || el.searchMore.hidden)) first.focus();
}

export function wireSearch() {
  const searchSoon = whenTypingPauses(() => {
    if (el.searchInput.value.trim() !== searched) search();
  });
  el.searchInput.addEventListener('input', searchSoon);
  el.searchForm.addEventListener('submit', (event) => {
    event.preventDefault();
    search();
  });
  el.searchDialog.addEventListener('keydown', onKeydown);
  el.searchResults.addEventListener('click', (event) => {
    const button = event.target.closest('.search-item');
    if (button) open(button);
  });
  el.searchMore.addEventListener('click', onMore);
  el.searchClose.addEventListener('click', () => el.searchDialog.close());
  el.searchDialog.addEventListener('close', () => {
    returnFocus?.focus?.();
    returnFocus = null;
  });
}

/** Ctrl+F (⌘F on a Mac) anywhere on the chat screen: the page's search rather than the browser's. */
export const isSearchShortcut = (event) => isCommandKey(event, 'f');
