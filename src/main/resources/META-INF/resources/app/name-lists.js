// Lists of names as the page shows them, without any DOM: sorted for people, narrowed to the
// names that start with what was typed, a page at a time.

import { fold } from './state.js';

export const byName = (a, b) => a.localeCompare(b, undefined, { sensitivity: 'base' });

/** `name` starts with `prefix`, ignoring case as names compare (an empty prefix matches all). */
export const startsWithName = (name, prefix) => fold(name).startsWith(fold(prefix));

/** The first `count` of `names` that start with `prefix`, sorted, and how many match in all. */
export function firstMatching(names, { prefix = '', count }) {
  const matching = names.filter((name) => startsWithName(name, prefix)).sort(byName);
  return { names: matching.slice(0, count), matching: matching.length };
}
