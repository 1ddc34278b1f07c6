// @mentions, with three users (English, and Arabic): the composer's list of names after "@"
// (arrows, Enter, Tab, Escape), a message that mentions you marked in the list, its @name styled,
// the conversation's badge marked "@" and counted in the tab title, and a desktop notification
// while the tab is hidden.

import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { assertNoPageErrors, cast } from './lib/cast.mjs';
import {
  conversationEntry, messagesWithText, notificationAndVisibilityStubs, sendWithEnter, userEntry, waitUntil,
} from './lib/browser.mjs';

const T = 60_000;

const options = (page) => page.getByTestId('mention-option').allTextContents();

describe('mentions', { timeout: 300_000 }, () => {
  const scene = cast({ name: 'mentions' }, [
    { name: 'Sara' },
    { name: 'Omar', initScript: notificationAndVisibilityStubs },
    { name: 'ليلى', locale: 'ar' },
  ]);
  let sara; let omar; let layla;
  before(() => { [sara, omar, layla] = scene.users; });

  test('"@" in the composer lists the names to mention; arrows, Enter, Tab and Escape', { timeout: T }, async () => {
    const { page } = sara;
    await userEntry(page, 'ليلى').waitFor();
    const composer = page.getByTestId('composer');
    await composer.fill('hello @');
    assert.deepEqual(await options(page), ['@Omar', '@ليلى']);
    assert.equal(await composer.getAttribute('aria-expanded'), 'true');
    await composer.press('ArrowDown');
    await composer.press('Enter');
    assert.equal(await composer.inputValue(), 'hello @ليلى ');
    assert.equal(await page.getByTestId('mention-list').isVisible(), false);
    // Narrowed by what follows the "@"; Tab chooses too.
    await composer.pressSequentially('and @OM');
    assert.deepEqual(await options(page), ['@Omar']);
    await composer.press('Tab');
    assert.equal(await composer.inputValue(), 'hello @ليلى and @Omar ');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'composer');
    // Escape closes the list and leaves the text; an e-mail address opens nothing.
    await composer.pressSequentially('@');
    await page.getByTestId('mention-list').waitFor();
    await composer.press('Escape');
    assert.equal(await page.getByTestId('mention-list').isVisible(), false);
    await composer.fill('mail me at sara@o');
    assert.equal(await page.getByTestId('mention-list').isVisible(), false);
    await composer.fill('');
  });

  test('a mention is marked, counted with "@" on its conversation, and notified while the tab is hidden', { timeout: T }, async () => {
    const { page } = omar;
    await page.getByTestId('open-settings').click();
    await page.getByTestId('notify-toggle').check();
    await page.getByTestId('settings-close').click();
    await userEntry(page, 'Sara').click();
    await page.evaluate(() => window.__setHidden(true));

    await sendWithEnter(sara.page, 'just chatting');
    await sendWithEnter(sara.page, '@Omar lunch at 1?');
    const badge = conversationEntry(page, 'room:general').getByTestId('unread');
    await waitUntil(() => badge.textContent(), { check: (t) => t === '@ 2', message: 'the badge marked "@"' });
    assert.equal(await badge.getAttribute('data-mention'), 'true');
    await waitUntil(() => page.title(), { check: (title) => title === '(2) Majlis', message: 'the title counts it' });
    const notes = await page.evaluate(() => window.__notifications);
    assert.deepEqual(notes.map((n) => n.title), ['Sara mentioned you in #general']);

    await page.evaluate(() => window.__setHidden(false));
    await conversationEntry(page, 'room:general').click();
    const mention = messagesWithText(page, '@Omar lunch at 1?');
    await mention.waitFor();
    assert.match(await mention.getAttribute('class'), /mentions-me/);
    assert.deepEqual(await mention.locator('.mention-me').allTextContents(), ['@Omar']);
    assert.doesNotMatch(await messagesWithText(page, 'just chatting').getAttribute('class'), /mentions-me/);
    // On the sender's page the name is styled, the message not marked.
    const sent = messagesWithText(sara.page, '@Omar lunch at 1?');
    assert.deepEqual(await sent.getByTestId('mention').allTextContents(), ['@Omar']);
    assert.doesNotMatch(await sent.getAttribute('class'), /mentions-me/);
  });

  test('in Arabic: an Arabic name mentioned, and the list of names', { timeout: T }, async () => {
    const { page } = layla;
    await conversationEntry(page, 'room:general').click();
    await sendWithEnter(sara.page, 'مرحبا @ليلى، كيف حالك؟');
    const mention = messagesWithText(page, 'مرحبا @ليلى، كيف حالك؟');
    await mention.waitFor();
    assert.match(await mention.getAttribute('class'), /mentions-me/);
    assert.deepEqual(await mention.locator('.mention-me').allTextContents(), ['@ليلى']);
    await page.getByTestId('composer').fill('@s');
    assert.deepEqual(await options(page), ['@Sara']);
    assert.equal(await page.getByTestId('mention-status').textContent(), 'شخص واحد للإشارة إليه؛ Enter أو Tab للاختيار');
    await page.getByTestId('composer').press('Escape');
    assertNoPageErrors(scene.pages);
  });
});
