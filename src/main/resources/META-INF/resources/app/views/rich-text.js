// A message's text on the page: the parts of app/markup.js as DOM nodes, every piece of the
// user's text through textContent / text nodes (never innerHTML). Links open in a new tab
// without giving it the page (`noopener noreferrer`).

import { isPlain, parseMessage } from '../markup.js';

const BLOCKS = { paragraph: 'div', quote: 'blockquote' };
const INLINE = { bold: 'strong', italic: 'em' };

/** Fills `container` with `text`, formatted. */
export function renderRichText(container, text) {
  const blocks = parseMessage(text);
  if (isPlain(blocks)) {
    container.textContent = String(text ?? '');
    return;
  }
  container.replaceChildren(...blocks.map(blockNode));
}

function blockNode(block) {
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
  node.append(...block.parts.map(inlineNode));
  return node;
}

function inlineNode(part) {
  switch (part.type) {
    case 'text': return document.createTextNode(part.text);
    case 'code': {
      const code = document.createElement('code');
      code.textContent = part.text;
      return code;
    }
    case 'link': {
      const a = document.createElement('a');
      a.href = part.href;
      a.rel = 'noopener noreferrer';
      a.target = '_blank';
      a.dataset.testid = 'message-link';
      a.textContent = part.text;
      return a;
    }
    default: {
      const node = document.createElement(INLINE[part.type]);
      node.append(...part.parts.map(inlineNode));
      return node;
    }
  }
}
