// Unit tests of app/markup.js: light formatting parsed from the raw text.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { isPlain, mentionParts, parseInline, parseMessage } from '../../../main/resources/META-INF/resources/app/markup.js';

const text = (t) => ({ type: 'text', text: t });
const link = (href) => ({ type: 'link', href, text: href });

describe('markup', () => {
  test('plain text stays one text part, newlines included', () => {
    const blocks = parseMessage('hello\nworld');
    assert.deepEqual(blocks, [{ type: 'paragraph', parts: [text('hello\nworld')] }]);
    assert.equal(isPlain(blocks), true);
  });

  test('bold, italic and code; marks inside words stay', () => {
    assert.deepEqual(parseInline('a *big* _deal_ with `x*y*z`'), [
      text('a '), { type: 'bold', parts: [text('big')] }, text(' '), { type: 'italic', parts: [text('deal')] },
      text(' with '), { type: 'code', text: 'x*y*z' },
    ]);
    assert.deepEqual(parseInline('snake_case_name and 2*3*4'), [text('snake_case_name and 2*3*4')]);
    assert.deepEqual(parseInline('* not bold *'), [text('* not bold *')]);
    assert.deepEqual(parseInline('*عريض*'), [{ type: 'bold', parts: [text('عريض')] }]);
  });

  test('links: http, https and mailto only, without the punctuation that ends a sentence', () => {
    assert.deepEqual(parseInline('see https://example.org/a?b=1.'), [text('see '), link('https://example.org/a?b=1'), text('.')]);
    assert.deepEqual(parseInline('(at http://x.org/wiki/A_(b))'), [text('(at '), link('http://x.org/wiki/A_(b)'), text(')')]);
    assert.deepEqual(parseInline('mail mailto:sara@example.org'), [text('mail '), link('mailto:sara@example.org')]);
    assert.deepEqual(parseInline('javascript:alert(1) ftp://x.org'), [text('javascript:alert(1) ftp://x.org')]);
    assert.deepEqual(parseInline('https://x.org/_private_/y'), [link('https://x.org/_private_/y')]);
    assert.deepEqual(parseInline('*see https://x.org*'), [{ type: 'bold', parts: [text('see '), link('https://x.org')] }]);
  });

  test('code blocks and quotes', () => {
    assert.deepEqual(parseMessage('look:\n```\nconst a = *1*;\n```\nnice'), [
      { type: 'paragraph', parts: [text('look:')] },
      { type: 'code_block', text: 'const a = *1*;' },
      { type: 'paragraph', parts: [text('nice')] },
    ]);
    assert.deepEqual(parseMessage('> quoted *line*\n>second\nreply'), [
      { type: 'quote', parts: [text('quoted '), { type: 'bold', parts: [text('line')] }, text('\nsecond')] },
      { type: 'paragraph', parts: [text('reply')] },
    ]);
    assert.deepEqual(parseMessage('an ``` unclosed fence'), [{ type: 'paragraph', parts: [text('an ``` unclosed fence')] }]);
  });
});

describe('mentions', () => {
  const mention = (t) => ({ type: 'mention', text: t });
  test('the @name of a mentioned name, as names compare; not an e-mail address, not the full stop', () => {
    assert.deepEqual(mentionParts('hi @sara and @OMAR.', ['Sara', 'omar']), [
      text('hi '), mention('@sara'), text(' and '), mention('@OMAR'), text('.'),
    ]);
    assert.deepEqual(mentionParts('mail sara@example.com', ['example.com']), [text('mail sara@example.com')]);
    assert.deepEqual(mentionParts('@nobody here', ['sara']), [text('@nobody here')]);
    assert.deepEqual(mentionParts('مرحبا @ليلى!', ['ليلى']), [text('مرحبا '), mention('@ليلى'), text('!')]);
  });
});
