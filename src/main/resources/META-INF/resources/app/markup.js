// Light formatting of a message's text, without any DOM: the raw text (what is stored and sent)
// parsed into blocks (paragraphs, ``` code blocks ```, > quotes) of inline parts (*bold*,
// _italic_, `code`, links), and @mentions in the text parts. views/rich-text.js turns the parts
// into nodes with textContent only.
//
// Links: only http:, https: and mailto:, written out in the text; punctuation that ends a
// sentence is not part of the link.

import { fold } from './state.js';

const FENCE = '```';
const LINK = /\b(?:https?:\/\/|mailto:)[^\s<>"]+/giu;
// *bold* and _italic_: the marks touch their text, and stand apart from letters around them
// (snake_case_names and 2*3*4 stay as they are).
const EMPHASIS = /(?<![\p{L}\p{N}*_])([*_])(?![\s*_])(.+?)(?<![\s*_])\1(?![\p{L}\p{N}*_])/u;
const INLINE_CODE = /`([^`\n]+)`/;

/** Blocks of `text`: { type: 'paragraph' | 'quote', parts } or { type: 'code_block', text }. */
export function parseMessage(text) {
  const blocks = [];
  const source = String(text ?? '');
  let rest = source;
  while (rest) {
    const open = rest.indexOf(FENCE);
    const close = open < 0 ? -1 : rest.indexOf(FENCE, open + FENCE.length);
    if (close < 0) {
      blocks.push(...lineBlocks(rest));
      break;
    }
    if (open > 0) blocks.push(...lineBlocks(trimOneNewline(rest.slice(0, open), 'end')));
    const code = trimOneNewline(rest.slice(open + FENCE.length, close), 'both');
    blocks.push({ type: 'code_block', text: code });
    rest = trimOneNewline(rest.slice(close + FENCE.length), 'start');
  }
  return blocks;
}

function trimOneNewline(text, where) {
  let out = text;
  if ((where === 'start' || where === 'both') && out.startsWith('\n')) out = out.slice(1);
  if ((where === 'end' || where === 'both') && out.endsWith('\n')) out = out.slice(0, -1);
  return out;
}

/** Paragraphs and quotes ("> " at the start of a line; consecutive lines make one quote). */
function lineBlocks(text) {
  const blocks = [];
  for (const line of text.split('\n')) {
    const quoted = /^>\s?(.*)$/u.exec(line);
    const type = quoted ? 'quote' : 'paragraph';
    const content = quoted ? quoted[1] : line;
    const last = blocks.at(-1);
    if (last?.type === type) last.lines.push(content);
    else blocks.push({ type, lines: [content] });
  }
  return blocks.map(({ type, lines }) => ({ type, parts: parseInline(lines.join('\n')) }));
}

/**
 * Inline parts: { type: 'text' | 'code', text }, { type: 'link', href, text },
 * { type: 'bold' | 'italic', parts }.
 */
export function parseInline(text) {
  if (!text) return [];
  const code = INLINE_CODE.exec(text);
  if (code) {
    return [...parseInline(text.slice(0, code.index)), { type: 'code', text: code[1] },
      ...parseInline(text.slice(code.index + code[0].length))];
  }
  const link = firstLink(text);
  const emphasis = EMPHASIS.exec(text);
  if (link && !(emphasis && emphasisFirst(emphasis, link))) {
    return [...parseInline(text.slice(0, link.index)), { type: 'link', href: link.href, text: link.href },
      ...parseInline(text.slice(link.index + link.href.length))];
  }
  if (emphasis) {
    return [...parseInline(text.slice(0, emphasis.index)),
      { type: emphasis[1] === '*' ? 'bold' : 'italic', parts: parseInline(emphasis[2]) },
      ...parseInline(text.slice(emphasis.index + emphasis[0].length))];
  }
  return [{ type: 'text', text }];
}

/** An emphasis before a link, or around it, comes first; one that starts inside the link is part of it. */
function emphasisFirst(emphasis, link) {
  const end = emphasis.index + emphasis[0].length;
  return emphasis.index < link.index && (end <= link.index || end >= link.index + link.href.length);
}

/** The first link in `text`, without the punctuation that ends its sentence (or an emphasis around it). */
function firstLink(text) {
  LINK.lastIndex = 0;
  const match = LINK.exec(text);
  if (!match) return null;
  let href = match[0].replace(/[.,;:!?'"*_]+$/u, '');
  // A closing bracket belongs to the link only when the link opened one: (see https://x.org/a).
  while (href.endsWith(')') && count(href, '(') < count(href, ')')) href = href.slice(0, -1);
  return href.length > href.indexOf(':') + 1 ? { index: match.index, href } : null;
}

const count = (text, char) => text.split(char).length - 1;

/** True when the text has no formatting at all (drawn as one text node). */
export function isPlain(blocks) {
  return blocks.length === 1 && blocks[0].type === 'paragraph'
    && blocks[0].parts.every((part) => part.type === 'text');
}

// "@name": an @ not glued to a word before it (an e-mail address), then a name's characters; a
// full stop or hyphen at the end is the sentence's, not the name's.
const MENTION = /(?<![\p{L}\p{N}\p{M}_.-])@([\p{L}\p{N}\p{M}_.-]+)/gu;

/**
 * `text` as parts { type: 'text' | 'mention', text }: the `@name` of each of `names` (the
 * message's `mentions`, as names compare) is a mention.
 */
export function mentionParts(text, names) {
  const wanted = new Set((Array.isArray(names) ? names : []).map(fold));
  const source = String(text ?? '');
  const parts = [];
  let at = 0;
  for (const match of source.matchAll(MENTION)) {
    const name = match[1].replace(/[.-]+$/u, '');
    if (!wanted.has(fold(name))) continue;
    if (match.index > at) parts.push({ type: 'text', text: source.slice(at, match.index) });
    parts.push({ type: 'mention', text: `@${name}` });
    at = match.index + 1 + name.length;
  }
  if (at < source.length) parts.push({ type: 'text', text: source.slice(at) });
  return parts;
}
