// Links and light formatting, between two users (English and Arabic): drawn as DOM nodes from
// the raw text, which is what is stored, sent and edited; only http, https and mailto links.

import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { assertNoPageErrors, cast } from './lib/cast.mjs';
import { sendWithEnter } from './lib/browser.mjs';

const T = 60_000;
const RAW = '*bold* and _italic_ with `a*b*c`, see https://example.org/a_b?x=1. or mailto:sara@example.org\n'
  + 'not javascript:alert(1) <img src=x onerror=alert(1)>\n> a quote\n```\nconst x = 1 < 2;\n```';

describe('links and formatting', { timeout: 120_000 }, () => {
  const scene = cast({ name: 'formatting' }, [
    { name: 'Sara' },
    { name: 'أحمد', locale: 'ar' },
  ]);
  let sara; let ahmed;
  before(() => { [sara, ahmed] = scene.users; });

  test('formatting and links are drawn as nodes; the raw text is what is sent', { timeout: T }, async () => {
    await sendWithEnter(sara.page, RAW);
    const message = ahmed.page.getByTestId('message').filter({ hasText: 'a quote' });
    await message.waitFor();
    const drawn = await message.getByTestId('message-text').evaluate((node) => ({
      strong: [...node.querySelectorAll('strong')].map((n) => n.textContent),
      em: [...node.querySelectorAll('em')].map((n) => n.textContent),
      code: [...node.querySelectorAll(':not(pre) > code')].map((n) => n.textContent),
      links: [...node.querySelectorAll('a')].map((a) => [a.getAttribute('href'), a.rel, a.target]),
      quote: node.querySelector('blockquote')?.textContent,
      block: node.querySelector('pre code')?.textContent,
      images: node.querySelectorAll('img').length,
    }));
    assert.deepEqual(drawn, {
      strong: ['bold'],
      em: ['italic'],
      code: ['a*b*c'],
      links: [
        ['https://example.org/a_b?x=1', 'noopener noreferrer', '_blank'],
        ['mailto:sara@example.org', 'noopener noreferrer', '_blank'],
      ],
      quote: 'a quote',
      block: 'const x = 1 < 2;',
      images: 0,
    });
    assert.match(await message.getByTestId('message-text').textContent(), /javascript:alert\(1\) <img src=x onerror=alert\(1\)>/);
    // The raw text is what was sent, and what editing starts from.
    const stored = await ahmed.page.evaluate(() => window.majlis.state.activeConversation().messages.at(-1).message);
    assert.equal(stored, RAW);
    const own = sara.page.getByTestId('message').filter({ hasText: 'a quote' });
    await own.hover();
    await own.getByTestId('edit-message').click();
    assert.equal(await sara.page.getByTestId('composer').inputValue(), RAW);
    await sara.page.keyboard.press('Escape');
  });

  test('in Arabic too', { timeout: T }, async () => {
    await sendWithEnter(ahmed.page, 'هذا *مهم* جدا: https://example.org/ar');
    const message = sara.page.getByTestId('message').filter({ hasText: 'مهم' });
    await message.waitFor();
    assert.equal(await message.locator('strong').textContent(), 'مهم');
    assert.equal(await message.locator('a').getAttribute('href'), 'https://example.org/ar');
    assert.equal(await message.getByTestId('message-text').textContent(), 'هذا مهم جدا: https://example.org/ar');
    assertNoPageErrors(scene.pages);
    assert.deepEqual([...sara.record.dialogs, ...ahmed.record.dialogs], [], 'no script ran: no dialog');
  });
});
