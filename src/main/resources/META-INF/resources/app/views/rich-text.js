// A message's text on the page: the parts of app/markup.js as DOM nodes, every piece of the
// user's text through textContent / text nodes (never innerHTML). Links open in a new tab
// without giving it the page (`noopener noreferrer`). The @names of a message's `mentions` are
// spans, ours marked.

import { state } from '../context.js';
import { isPlain, mentionParts, parseMessage } from '../markup.js';
import { sameName } from '../state.js';

const BLOCKS = { paragraph: 'div', quote: 'blockquote' };
const INLINE = { bold: 'strong', italic: 'em' };

/** Fills `container` with `text`, formatted; `mentioned`: the names its @mentions name. */
export function renderRichText(container, text, mentioned = []) {
  const blocks = parseMessage(text);
  if (isPlain(blocks) && !mentioned.length) {
    container.textContent = String(text ?? '');
    return;
  }
  const inlineNode = (part) => {
    switch (part.type) {
      case 'text': return textNodes(part.text, mentioned);
      case 'code': return [element('code', part.text)];
      case 'link': return [linkNode(part)];
      default: {
        const node = document.createElement(INLINE[part.type]);
        node.append(...part.parts.flatMap(inlineNode));
        return [node];
      }
    }
  };
  container.replaceChildren(...blocks.map((block) => blockNode(block, inlineNode)));
}

function blockNode(block, inlineNode) {
  if (block.type === 'code_block') {
    const pre = document.createElement('pre');
    pre.className = 'code-block';
    const code = document.createElement('code');
    code.textContent = block.text;
    pre.append(code);
    return pre;
  }
  const node = document.createElement(BLOCKS[block.type]);
  node.className = `text-${block.type}`;
  node.append(...block.parts.flatMap(inlineNode));
  return node;
}

function element(tag, text) {
  const node = document.createElement(tag);
  node.textContent = text;
  return node;
}

function linkNode(part) {
  const a = element('a', part.text);
  a.href = part.href;
  a.rel = 'noopener noreferrer';
  a.target = '_blank';
  a.dataset.testid = 'message-link';
  return a;
}

/** Text, with each @name of `mentioned` as a span (ours marked). */
function textNodes(text, mentioned) {
  return mentionParts(text, mentioned).map((part) => {
    if (part.type === 'text') return document.createTextNode(part.text);
    const span = element('span', part.text);
    span.className = sameName(part.text.slice(1), state.me) ? 'mention mention-me' : 'mention';
    span.dataset.testid = 'mention';
    return span;
  });
}
