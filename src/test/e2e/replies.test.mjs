// Replies, with three users (English, and Arabic): "Reply" puts a quote bar above the composer
// (× and Escape cancel), the reply carries `replyTo` and shows its quote on every page, quotes
// follow an edit and a delete of the original live, a click on a quote opens the original
// (loaded from history when older than the page shows), and a reply written offline keeps its
// `replyTo` until it is sent.

import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { assertNoPageErrors, cast } from './lib/cast.mjs';
import { conversationEntry, inView, messagesWithText, sendWithEnter, waitReconnected, waitUntil } from './lib/browser.mjs';

const T = 90_000;

/** The text of the quote in the message whose text is `text`. */
const quoteOf = (page, text) => messagesWithText(page, text).getByTestId('message-quote');

describe('replies', { timeout: 360_000 }, () => {
  const scene = cast({ name: 'replies' }, [
    { name: 'Sara' },
    { name: 'Omar' },
    { name: 'ليلى', locale: 'ar' },
  ]);
  let sara; let omar; let layla;
  before(() => { [sara, omar, layla] = scene.users; });

  test('Reply quotes the message; the quote follows an edit and a delete of the original', { timeout: T }, async () => {
    await sendWithEnter(omar.page, 'lunch at 1?');
    const original = messagesWithText(sara.page, 'lunch at 1?');
    await original.waitFor();
    await original.hover();
    await original.getByTestId('reply-message').click();
    const bar = sara.page.getByTestId('reply-bar');
    assert.equal(await bar.textContent().then((s) => s.includes('Replying to Omar: lunch at 1?')), true);
    assert.equal(await sara.page.evaluate(() => document.activeElement.id), 'composer');
    // Escape cancels; the × too.
    await sara.page.keyboard.press('Escape');
    assert.equal(await bar.isVisible(), false);
    await original.hover();
    await original.getByTestId('reply-message').click();
    await sara.page.getByTestId('reply-cancel').click();
    assert.equal(await bar.isVisible(), false);
    await original.hover();
    await original.getByTestId('reply-message').click();
    await sendWithEnter(sara.page, 'yes, see you there');
    assert.equal(await bar.isVisible(), false);

    for (const { page } of [sara, omar, layla]) {
      await waitUntil(() => quoteOf(page, 'yes, see you there').textContent(), { check: (t) => t === 'Omarlunch at 1?', message: 'the quote' });
    }
    assert.equal(await quoteOf(layla.page, 'yes, see you there').getByTestId('message-quote-text').getAttribute('dir'), 'auto');

    // The original edited, then deleted: the quotes follow on every page.
    const own = messagesWithText(omar.page, 'lunch at 1?');
    await own.hover();
    await own.getByTestId('edit-message').click();
    await omar.page.getByTestId('composer').fill('lunch at 2?');
    await omar.page.getByTestId('composer').press('Enter');
    await waitUntil(() => quoteOf(sara.page, 'yes, see you there').textContent(), { check: (t) => t === 'Omarlunch at 2?', message: 'the edited quote' });
    const edited = messagesWithText(omar.page, 'lunch at 2?');
    await edited.hover();
    await edited.getByTestId('delete-message').click();
    await edited.getByTestId('delete-message').click();
    await waitUntil(() => quoteOf(sara.page, 'yes, see you there').textContent(), { check: (t) => t === 'Original message deleted', message: 'deleted' });
    await waitUntil(() => quoteOf(layla.page, 'yes, see you there').textContent(), { check: (t) => t === 'حُذفت الرسالة الأصلية', message: 'deleted, in Arabic' });
  });

  test('a click on a quote opens the original, loaded from history when older than the page shows', { timeout: T }, async () => {
    await sendWithEnter(omar.page, 'where is the meeting?');
    await messagesWithText(omar.page, 'where is the meeting?').waitFor();
    await omar.page.evaluate(async () => {
      const { client } = window.majlis;
      for (let i = 0; i < 70; i++) await client.sendMessage('general', `filler ${i}`, {}, { id: client.newId() });
    });
    const original = messagesWithText(sara.page, 'where is the meeting?');
    const id = await original.getAttribute('data-message-id');
    await sara.page.evaluate(async (replyTo) => {
      const { client } = window.majlis;
      await client.sendMessage('general', 'in the big room', { replyTo }, { id: client.newId() });
    }, id);
    // After a reload Layla has only the newest page: the original is not in it.
    const { page } = layla;
    await page.reload();
    await conversationEntry(page, 'room:general').click();
    const quote = quoteOf(page, 'in the big room');
    await quote.waitFor();
    assert.equal(await messagesWithText(page, 'where is the meeting?').count(), 0);
    await quote.click();
    const shown = messagesWithText(page, 'where is the meeting?');
    await shown.waitFor();
    await waitUntil(async () => await inView(shown) && shown.evaluate((node) => node.classList.contains('flash')), {
      message: 'the original in view, flashed',
    });
  });

  test('a reply written offline keeps its replyTo until it is sent', { timeout: T }, async () => {
    const { page } = sara;
    await sendWithEnter(omar.page, 'are you coming?');
    const original = messagesWithText(page, 'are you coming?');
    await original.waitFor();
    await page.evaluate(() => {
      const { client } = window.majlis;
      client.autoReconnect = false;
      client.ws.close();
    });
    await page.getByTestId('banner').waitFor();
    await original.hover();
    await original.getByTestId('reply-message').click();
    await sendWithEnter(page, 'on my way');
    const queued = page.locator('[data-testid="message"][data-status="queued"]');
    await queued.waitFor();
    assert.equal(await queued.getByTestId('message-quote').textContent(), 'Omarare you coming?');
    await page.evaluate(() => {
      const { client } = window.majlis;
      client.autoReconnect = true;
      return client.connect();
    });
    await waitReconnected(page);
    await waitUntil(() => quoteOf(omar.page, 'on my way').textContent(), { check: (t) => t === 'Omarare you coming?', message: 'the reply with its quote' });
    assertNoPageErrors(scene.pages);
  });
});
