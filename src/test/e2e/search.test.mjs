// Searching messages, with three users (English, and Arabic): Ctrl+F and the quick switcher's
// "Search messages for …", a private message found by its two participants only and a room
// message by everyone, an Arabic query without vowels finding vowelled text, the matched words
// marked, people found by name, the keyboard, and a hit opening its conversation at the message
// with older and newer messages around it.

import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { assertNoPageErrors, cast } from './lib/cast.mjs';
import { conversationEntry, createRoom, inView, sendWithEnter, userEntry, waitUntil } from './lib/browser.mjs';

const T = 90_000;
const TASHKEEL = /[\u064B-\u0652]/gu;

/**
 * Searches `query` in the open search box until `check(texts of the hits)` holds: the embedded
 * store indexes a message about 0.1 s after its ack.
 */
function searchUntil(page, query, check, message) {
  const input = page.getByTestId('search-input');
  return waitUntil(async () => {
    await input.fill(query);
    await input.press('Enter');
    await waitUntil(() => page.getByTestId('search-status').textContent(), {
      check: (s) => s && !['Searching…', 'جارٍ البحث…'].includes(s), message: 'the search to answer',
    });
    return page.getByTestId('search-hit-text').allTextContents();
  }, { check, timeout: 15_000, interval: 300, message });
}

describe('searching messages', { timeout: 360_000 }, () => {
  const scene = cast({ name: 'search' }, [
    { name: 'Sara' },
    { name: 'Omar' },
    { name: 'ليلى', locale: 'ar' },
  ]);
  let sara; let omar; let layla;
  before(() => { [sara, omar, layla] = scene.users; });

  test('a private message is found by its two participants only, a room message by everyone', { timeout: T }, async () => {
    await userEntry(sara.page, 'Omar').click();
    await sendWithEnter(sara.page, 'secret lunch plan for Omar');
    await conversationEntry(sara.page, 'room:general').click();
    await sendWithEnter(sara.page, 'lunch for everyone at noon');

    await omar.page.getByTestId('composer').focus();
    await omar.page.keyboard.press('Control+f');
    assert.equal(await omar.page.evaluate(() => document.activeElement.id), 'search-input');
    const both = await searchUntil(omar.page, 'LUNCH', (hits) => hits.length === 2, 'both messages for Omar');
    // Newest first, each under its conversation's name, the word marked.
    assert.deepEqual(both, ['lunch for everyone at noon', 'secret lunch plan for Omar']);
    const headings = await omar.page.locator('[data-testid="search-results"] h3').allTextContents();
    assert.deepEqual(headings, ['# general', 'Sara']);
    assert.deepEqual(await omar.page.locator('[data-testid="search-hit-text"] mark').allTextContents(), ['lunch', 'lunch']);
    assert.match(await omar.page.getByTestId('search-status').textContent(), /2 messages found/);
    assert.equal(await omar.page.getByTestId('search-close').textContent(), 'Close');
    // Escape closes it, and the focus is back where it was.
    await omar.page.keyboard.press('Escape');
    assert.equal(await omar.page.getByTestId('search').isVisible(), false);
    assert.equal(await omar.page.evaluate(() => document.activeElement.id), 'composer');

    // Layla is in general but not in Sara and Omar's conversation.
    await layla.page.keyboard.press('Control+f');
    const hers = await searchUntil(layla.page, 'lunch', (hits) => hits.length >= 1, 'the room message for Layla');
    assert.deepEqual(hers, ['lunch for everyone at noon']);
  });

  test('an Arabic query without vowels finds vowelled text; people are found by name', { timeout: T }, async () => {
    const { page } = layla;
    await page.keyboard.press('Escape');
    await conversationEntry(page, 'room:general').click();
    await sendWithEnter(page, 'مُحَمَّدٌ فِي المَدْرَسَةِ');
    // From the quick switcher: its last entry searches the messages.
    await page.keyboard.press('Control+k');
    await page.getByTestId('switcher-input').fill('محمد المدرسه');
    assert.equal(await page.getByTestId('switcher-search').textContent(), '⌕البحث في الرسائل عن «محمد المدرسه»');
    await page.keyboard.press('Enter');
    await searchUntil(page, 'محمد المدرسه', (hits) => hits.length === 1, 'the vowelled message');
    const marks = await page.locator('[data-testid="search-hit-text"] mark').allTextContents();
    assert.deepEqual(marks.map((m) => m.replace(TASHKEEL, '')), ['محمد', 'المدرسة']);
    assert.equal(await page.getByTestId('search-hit-text').getAttribute('dir'), 'auto');

    // A name: the person is listed above the messages, and opens the direct conversation.
    await searchUntil(page, 'om', () => true, 'a name');
    await page.getByTestId('search-person').filter({ hasText: 'Omar' }).click();
    await waitUntil(() => page.getByTestId('conversation-title').textContent(), { check: (t) => t === 'Omar', message: 'Omar opened' });
    assert.equal(await page.getByTestId('search').isVisible(), false);
    // A public room she is not in: listed, and joined when opened.
    await createRoom(sara.page, 'lunch-club');
    await page.keyboard.press('Control+f');
    await searchUntil(page, 'lunch-c', () => true, 'a room name');
    const room = page.getByTestId('search-room');
    assert.equal(await room.getAttribute('data-joined'), 'false');
    await room.click();
    await waitUntil(() => page.getByTestId('conversation-title').textContent(), { check: (t) => t === '# lunch-club', message: 'the room joined' });
  });

  test('a hit opens its conversation at the message, older and newer messages around it; more results', { timeout: T }, async () => {
    // 80 messages after the one to find: it is not in the newest page.
    const texts = Array.from({ length: 101 }, (_, i) => (i === 20 ? 'needle in the haystack' : `filler ${i}`));
    await sara.page.evaluate(async (all) => {
      const { client } = window.majlis;
      for (const text of all) await client.privateMessage('Omar', text, {}, { id: client.newId() });
    }, texts);
    const { page } = omar;
    await conversationEntry(page, 'room:general').click();
    await page.keyboard.press('Control+f');
    await searchUntil(page, 'haystack', (hits) => hits.length === 1, 'the needle');
    // The keyboard: ↓ to the hit, Enter opens it.
    await page.keyboard.press('ArrowDown');
    assert.equal(await page.evaluate(() => document.activeElement.dataset.testid), 'search-hit');
    await page.keyboard.press('Enter');
    await waitUntil(() => page.getByTestId('conversation-title').textContent(), { check: (t) => t === 'Sara', message: 'Sara opened' });
    const needle = page.locator('.message[data-testid="message"]').filter({ hasText: 'needle in the haystack' });
    await needle.waitFor();
    await waitUntil(async () => await inView(needle)
      && needle.evaluate((node) => node.classList.contains('flash') && node === document.activeElement), {
      message: 'the needle in view, flashed and focused',
    });
    const shown = await page.getByTestId('message-text').allTextContents();
    for (const around of ['filler 19', 'filler 21', 'filler 100']) assert.ok(shown.includes(around), around);

    // A page of 20 hits, "More results" adds the next; the focus goes on to the first added.
    await page.keyboard.press('Control+f');
    await searchUntil(page, 'filler', (hits) => hits.length === 20, 'a first page');
    assert.equal(await page.getByTestId('search-hit-text').first().textContent(), 'filler 100');
    // A page may hold fewer hits than asked for, even none (the embedded store looks at a bounded
    // number): "More results" again while the focus stays on it.
    await page.getByTestId('search-more').focus();
    const moreAgain = () => page.evaluate(() => document.activeElement.id === 'search-more'
      && document.getElementById('search-status').textContent !== 'Searching…');
    await waitUntil(async () => {
      if (await moreAgain()) await page.keyboard.press('Enter');
      return page.getByTestId('search-hit').count();
    }, { check: (n) => n > 20, interval: 300, message: 'a second page' });
    assert.equal(await page.evaluate(() => document.activeElement.dataset.index), '20');
    assert.match(await page.evaluate(() => document.activeElement.textContent), /filler \d+$/);
    await page.keyboard.press('Escape');
    assertNoPageErrors(scene.pages);
  });
});
