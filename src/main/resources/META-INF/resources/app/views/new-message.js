// "New message": a direct conversation with anyone, by name. While the name is typed, who is online
// with a name starting with it is suggested (`users` with `prefix`); an exact name opens the
// conversation even when nobody by that name is online: an account finds the messages when it
// comes back, and a name nobody has answers the first message with `user_not_found`.

import { errorText, plural, t } from '../../i18n.js';
import { client, state } from '../context.js';
import { startsWithName } from '../name-lists.js';
import { sameName } from '../state.js';
import { showFieldError, whenTypingPauses } from './common.js';
import { openDirect } from './conversation.js';
import { el } from './dom.js';
import { userItem } from './online.js';

const SUGGESTIONS = 8;

let suggested = [];               // the names listed under the field

const typedName = () => el.directName.value.trim().normalize('NFC');

export function openNewDirect() {
  el.directForm.reset();
  showDirectError('');
  showSuggestions([]);
  el.directDialog.showModal();
  el.directName.focus();
}

const showDirectError = (text) => showFieldError(el.directError, el.directName, text);

const suggestSoon = whenTypingPauses(suggest);

export function onDirectNameInput() {
  showDirectError('');
  suggestSoon();
}

async function suggest() {
  const prefix = typedName();
  if (!prefix) {
    showSuggestions([]);
    return;
  }
  let users = [];
  try {
    // One more than shown: we may be among them.
    const reply = await client.users({ prefix, limit: SUGGESTIONS + 1 });
    // A server from before `prefix` ignores it and lists everyone online.
    users = (Array.isArray(reply.users) ? reply.users : [])
      .filter((u) => typeof u?.username === 'string' && startsWithName(u.username, prefix) && !sameName(u.username, state.me))
      .slice(0, SUGGESTIONS);
  } catch (e) {
    console.info('majlis: no suggestions', e.code); // the exact name still works
  }
  if (typedName() === prefix) showSuggestions(users);
}

function showSuggestions(users) {
  suggested = users.map((u) => u.username);
  el.directSuggestions.replaceChildren(...users.map((user) => userItem(user, 'direct-suggestion')));
  el.directMatches.textContent = users.length > 0 ? plural('direct.matches', users.length) : '';
}

export function onSuggestionClick(event) {
  const button = event.target.closest('[data-username]');
  if (button) start(button.dataset.username);
}

export function onDirectSubmit(event) {
  event.preventDefault();
  const name = typedName();
  // A name never contains spaces: nobody has one that does.
  const problem = !name ? t('error.empty_name') : /\s/.test(name) ? errorText('user_not_found')
    : sameName(name, state.me) ? t('direct.self') : '';
  if (problem) {
    showDirectError(problem);
    el.directName.focus();
    return;
  }
  // As the server spells the name, when it is among the suggestions.
  start(suggested.find((s) => sameName(s, name)) || name);
}

function start(name) {
  el.directDialog.close();
  openDirect(name);
}
