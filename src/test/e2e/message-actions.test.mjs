// The actions on messages from the keyboard and on a phone, with three users: the message list
// is one Tab stop (arrow keys move between messages, Tab reaches the current message's buttons),
// arrow keys move in the reaction picker (mirrored in Arabic), choosing a reaction leaves the
// focus on the reaction button; on a phone each message shows a "⋯" menu instead of its buttons.

import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { assertNoPageErrors, cast } from './lib/cast.mjs';
import {
  loginAs, messagesWithText, sendWithEnter, shownMessageIds, waitUntil,
} from './lib/browser.mjs';

const T = 60_000;

/** What has the focus: its test id, its message's text and its emoji. */
function focused(page) {
  return page.evaluate(() => {
    const node = document.activeElement;
    const message = node.closest('.message');
    return {
      testid: node.dataset.testid, emoji: node.dataset.emoji,
      message: message?.querySelector('[data-testid="message-text"]')?.textContent,
    };
  });
}

describe('message actions from the keyboard and on a phone', { timeout: 240_000 }, () => {
  const scene = cast({ name: 'message-actions' }, [
    { name: 'Sara' },
    { name: 'أحمد', locale: 'ar' },
  ]);
  let sara; let ahmed;
  before(async () => {
    [sara, ahmed] = scene.users;
    for (const text of ['first', 'second', 'third']) await sendWithEnter(sara.page, text);
    // 'fourth' only once 'third' is stored: sent sooner, it could be stored (and listed) before it
    await messagesWithText(ahmed.page, 'third').waitFor();
    await sendWithEnter(ahmed.page, 'fourth');
    await messagesWithText(sara.page, 'fourth').waitFor();
    // Sara's own messages acknowledged: none is still pending at the end of her list.
    await waitUntil(() => shownMessageIds(sara.page), {
      check: (ids) => ids.length === 4 && ids.every((id) => id.startsWith('m_')), message: 'all four acknowledged',
    });
  });

  test('the message list is one Tab stop; arrow keys move between messages', { timeout: T }, async () => {
    const { page } = sara;
    // Backwards from the first control after the list: the newest message's buttons, then the
    // message, then out of the list.
    await page.getByTestId('attach').focus();
    const stops = [];
    for (let i = 0; i < 8; i++) {
      await page.keyboard.press('Shift+Tab');
      const stop = await page.evaluate(() => {
        const node = document.activeElement;
        return {
          inList: document.getElementById('message-list').contains(node),
          message: node.closest('.message')?.dataset.messageId,
          isMessage: node.classList.contains('message'),
        };
      });
      if (!stop.inList) break;
      stops.push(stop);
    }
    assert.ok(stops.length >= 2, `stops in the list: ${JSON.stringify(stops)}`);
    assert.equal(new Set(stops.map((s) => s.message)).size, 1, 'all in one message');
    assert.ok(stops.at(-1).isMessage, 'the message itself is the way in');
    await page.keyboard.press('Tab');
    assert.equal((await focused(page)).message, 'fourth', 'the newest message is the Tab stop');

    for (const [key, expected] of [['ArrowUp', 'third'], ['ArrowUp', 'second'], ['ArrowDown', 'third'], ['Home', 'first'], ['End', 'fourth']]) {
      await page.keyboard.press(key);
      assert.equal((await focused(page)).message, expected, `after ${key}`);
    }
    await page.keyboard.press('ArrowUp');
    // The message moved to stays the Tab stop: out of the list and back.
    await page.getByTestId('attach').focus();
    for (let i = 0; i < 8 && !(await focused(page)).message; i++) await page.keyboard.press('Shift+Tab');
    assert.equal((await focused(page)).message, 'third');
  });

  test('the reaction picker: arrow keys move, choosing returns the focus to the reaction button', { timeout: T }, async () => {
    const { page } = sara;
    const third = messagesWithText(page, 'third');
    await third.focus();
    await page.keyboard.press('Tab');
    assert.equal((await focused(page)).testid, 'react-button', 'Tab goes on to the message\'s own buttons');
    await page.keyboard.press('Enter');
    await third.getByTestId('reaction-picker').waitFor();
    const options = await third.getByTestId('reaction-option').evaluateAll((nodes) => nodes.map((n) => n.dataset.emoji));
    assert.equal((await focused(page)).emoji, options[0]);
    await page.keyboard.press('ArrowRight');
    assert.equal((await focused(page)).emoji, options[1]);
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    assert.equal((await focused(page)).testid, 'reaction-more', 'wraps around to the last, "+"');
    await page.keyboard.press('Home');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Enter');
    await third.locator(`[data-testid="reaction"][data-emoji="${options[1]}"]`).waitFor();
    await messagesWithText(ahmed.page, 'third').locator(`[data-testid="reaction"][data-emoji="${options[1]}"]`).waitFor();
    // The message was redrawn with the reaction: the focus is still on its reaction button.
    assert.deepEqual(await focused(page), { testid: 'react-button', emoji: undefined, message: 'third' });
    assert.equal(await third.getByTestId('reaction-picker').count(), 0);
  });

  test('in Arabic the picker\'s arrows are mirrored', { timeout: T }, async () => {
    const { page } = ahmed;
    const second = messagesWithText(page, 'second');
    await second.hover();
    await second.getByTestId('react-button').focus();
    await page.keyboard.press('Enter');
    const options = await second.getByTestId('reaction-option').evaluateAll((nodes) => nodes.map((n) => n.dataset.emoji));
    await page.keyboard.press('ArrowLeft');
    assert.equal((await focused(page)).emoji, options[1], 'left is forward, right to left');
    await page.keyboard.press('ArrowRight');
    assert.equal((await focused(page)).emoji, options[0]);
    await page.keyboard.press('Escape');
    assert.equal((await focused(page)).testid, 'react-button');
  });

  test('on a phone each message has a "⋯" menu instead of all its buttons', { timeout: T }, async () => {
    const phone = await scene.newPage({ viewport: { width: 390, height: 844 } });
    const { page } = phone;
    await loginAs(page, 'Mina');
    await sendWithEnter(page, 'from the phone');
    const own = messagesWithText(page, 'from the phone');
    await own.getByTestId('message-more').waitFor();
    const visibleButtons = () => page.locator('[data-testid="react-button"], [data-testid="edit-message"], [data-testid="delete-message"]')
      .evaluateAll((nodes) => nodes.filter((n) => n.checkVisibility()).length);
    await messagesWithText(page, 'third').waitFor();
    assert.equal(await visibleButtons(), 0, 'no action button shows by itself');
    assert.ok(await page.getByTestId('message-more').count() >= 5, 'a menu button on every message');

    await own.getByTestId('message-more').click();
    assert.equal(await own.getByTestId('message-more').getAttribute('aria-expanded'), 'true');
    for (const id of ['react-button', 'reply-message', 'edit-message', 'delete-message']) assert.equal(await own.getByTestId(id).isVisible(), true, id);
    assert.equal(await visibleButtons(), 3, 'only this message\'s');
    // Another message's menu closes this one; someone else's message has no Edit.
    const third = messagesWithText(page, 'third');
    await third.getByTestId('message-more').click();
    assert.equal(await own.getByTestId('edit-message').isVisible(), false);
    assert.equal(await third.getByTestId('react-button').isVisible(), true);
    assert.equal(await third.getByTestId('edit-message').count(), 0);
    // A reaction from the menu: the menu closes, the focus is on its "⋯".
    await third.getByTestId('react-button').click();
    await third.getByTestId('reaction-option').first().click();
    await third.getByTestId('reaction').first().waitFor();
    assert.equal(await visibleButtons(), 0);
    assert.deepEqual(await focused(page), { testid: 'message-more', emoji: undefined, message: 'third' });

    // A long press opens the menu too; Escape closes it.
    await own.evaluate((node) => node.querySelector('[data-testid="message-text"]')
      .dispatchEvent(new PointerEvent('pointerdown', { pointerType: 'touch', bubbles: true })));
    await waitUntil(() => own.getByTestId('edit-message').isVisible(), { message: 'the menu after a long press' });
    await page.keyboard.press('Escape');
    assert.equal(await visibleButtons(), 0);
    // Edit from the menu.
    await own.getByTestId('message-more').click();
    await own.getByTestId('edit-message').click();
    assert.equal(await page.getByTestId('composer').inputValue(), 'from the phone');
    assert.equal(await visibleButtons(), 0);
  });

  test('no script errors', { timeout: T }, () => assertNoPageErrors(scene.pages));
});
