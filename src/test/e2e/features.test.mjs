// Everyday shortcuts and settings, with three users (English and Arabic): the quick switcher
// (Ctrl+K), ↑ in an empty composer edits your last message, muting a conversation, the automatic
// "away" after a while without activity, an image pasted into the composer, the image viewer, and
// the emoji picker (composer and reactions).

import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { landscapePng } from './lib/images.mjs';
import { assertNoPageErrors, cast } from './lib/cast.mjs';
import {
  conversationEntry, createRoom, messagesWithText, sendWithEnter, userEntry,
  waitUntil,
} from './lib/browser.mjs';

const T = 60_000;

describe('everyday shortcuts and settings', { timeout: 300_000 }, () => {
  const scene = cast({ name: 'features' }, [
    { name: 'Sara' },
    { name: 'Omar' },
    { name: 'أحمد', locale: 'ar' },
  ]);
  let sara; let omar; let ahmed;
  before(() => { [sara, omar, ahmed] = scene.users; });

  test('Ctrl+K finds rooms and people by name; Enter opens, the arrows choose', { timeout: T }, async () => {
    const { page } = sara;
    await createRoom(page, 'team-omega');
    await conversationEntry(page, 'room:general').click();
    await page.keyboard.press('Control+k');
    const input = page.getByTestId('switcher-input');
    await input.waitFor();
    assert.equal(await page.evaluate(() => document.activeElement.id), 'switcher-input');
    await input.fill('om');
    const options = () => page.getByTestId('switcher-option').allTextContents();
    // Names starting with it first (Omar), then those that have it (team-omega).
    assert.deepEqual(await options(), ['@OmarOnline', '#team-omegaRoom']);
    await page.keyboard.press('Enter');
    await waitUntil(() => page.getByTestId('conversation-title').textContent(), { check: (t) => t === 'Omar', message: 'Omar opened' });
    assert.equal(await page.getByTestId('switcher').isVisible(), false);
    assert.equal(await page.evaluate(() => document.activeElement.id), 'composer');

    await page.keyboard.press('Control+k');
    await input.fill('OM');
    await page.keyboard.press('ArrowDown');
    assert.equal(await page.locator('[data-testid="switcher-option"][aria-selected="true"]').textContent(), '#team-omegaRoom');
    await page.keyboard.press('Enter');
    await waitUntil(() => page.getByTestId('conversation-title').textContent(), { check: (t) => t === '# team-omega', message: 'the room opened' });
    // Escape closes it; an Arabic name is found as well, in the Arabic interface.
    await page.keyboard.press('Control+k');
    await page.keyboard.press('Escape');
    assert.equal(await page.getByTestId('switcher').isVisible(), false);
    await ahmed.page.keyboard.press('Control+k');
    await ahmed.page.getByTestId('switcher-input').fill('sa');
    assert.deepEqual(await ahmed.page.getByTestId('switcher-option').allTextContents(), ['@Saraمتصل']);
    await ahmed.page.keyboard.press('Escape');
  });

  test('↑ in an empty composer edits your last message', { timeout: T }, async () => {
    const { page } = sara;
    await conversationEntry(page, 'room:general').click();
    await sendWithEnter(page, 'first try');
    await sendWithEnter(page, 'second tyop');
    await sendWithEnter(omar.page, 'someone else');
    await messagesWithText(page, 'someone else').waitFor();
    const composer = page.getByTestId('composer');
    await composer.focus();
    await page.keyboard.press('ArrowUp');
    assert.equal(await composer.inputValue(), 'second tyop');
    assert.equal(await page.getByTestId('edit-bar').isVisible(), true);
    await composer.fill('second typo fixed');
    await page.keyboard.press('Enter');
    await messagesWithText(omar.page, 'second typo fixed').waitFor();
    // With text in it, ↑ moves the cursor as usual.
    await composer.fill('line one\nline two');
    await page.keyboard.press('ArrowUp');
    assert.equal(await page.getByTestId('edit-bar').isVisible(), false);
    await composer.fill('');
  });

  test('a muted conversation adds nothing to the title and notifies nobody; remembered after a reload', { timeout: T }, async () => {
    const { page } = sara;
    await conversationEntry(page, 'room:general').click();
    await userEntry(omar.page, 'Sara').click();
    await sendWithEnter(omar.page, 'before the mute');
    await waitUntil(() => page.title(), { check: (t) => t === '(1) Majlis', message: 'one unread' });
    await conversationEntry(page, 'dm:omar').click();
    const mute = page.getByTestId('mute-toggle');
    assert.equal(await mute.textContent(), 'Mute');
    await mute.click();
    assert.equal(await mute.getAttribute('aria-pressed'), 'true');
    assert.equal(await mute.textContent(), 'Unmute');
    await conversationEntry(page, 'room:general').click();
    await page.getByTestId('announcer').evaluate((n) => { n.textContent = ''; });
    await sendWithEnter(omar.page, 'while muted 1');
    await sendWithEnter(omar.page, 'while muted 2');
    await messagesWithText(omar.page, 'while muted 2').waitFor();
    await conversationEntry(omar.page, 'room:general').click();
    await sendWithEnter(omar.page, 'a room message');
    await messagesWithText(page, 'a room message').waitFor();
    assert.equal(await page.title(), 'Majlis', 'nothing counted in the title');
    const entry = conversationEntry(page, 'dm:omar');
    assert.equal(await entry.getByTestId('unread').count(), 0);
    assert.equal(await entry.getByTestId('muted-mark').count(), 1);
    assert.doesNotMatch(await page.getByTestId('announcer').textContent(), /direct message/i);

    await page.reload();
    await page.getByTestId('chat').waitFor();
    await conversationEntry(page, 'dm:omar').getByTestId('muted-mark').waitFor();
    await conversationEntry(page, 'dm:omar').click();
    // the header follows the click: wait for it before reading its toggle
    await waitUntil(() => page.getByTestId('conversation-title').textContent(), { check: (t) => t === 'Omar', message: 'Omar opened' });
    assert.equal(await page.getByTestId('mute-toggle').getAttribute('aria-pressed'), 'true');
    await page.getByTestId('mute-toggle').click();
    assert.equal(await conversationEntry(page, 'dm:omar').getByTestId('muted-mark').count(), 0);
    // In Arabic.
    await userEntry(ahmed.page, 'Sara').click();
    await ahmed.page.getByTestId('mute-toggle').click();
    assert.equal(await ahmed.page.getByTestId('mute-toggle').textContent(), 'إلغاء الكتم');
  });

  test('away after a while without activity, online again at the first sign of it; a chosen status stays', { timeout: T }, async () => {
    const { page } = omar;
    const omarOnSara = userEntry(sara.page, 'Omar');
    await page.evaluate(() => { window.majlis.away.afterMs = 800; window.majlis.away.restart(); });
    await waitUntil(() => omarOnSara.getAttribute('data-status'), { check: (s) => s === 'away', message: 'Omar away' });
    assert.equal(await page.getByTestId('status-select').inputValue(), 'away');
    await page.mouse.move(200, 200);
    await page.mouse.move(240, 260);
    await waitUntil(() => omarOnSara.getAttribute('data-status'), { check: (s) => s === 'online', message: 'Omar online again' });
    // Busy by choice stays busy.
    await page.getByTestId('status-select').selectOption('busy');
    await waitUntil(() => omarOnSara.getAttribute('data-status'), { check: (s) => s === 'busy', message: 'Omar busy' });
    await new Promise((r) => setTimeout(r, 1500));
    assert.equal(await omarOnSara.getAttribute('data-status'), 'busy');
    await page.mouse.move(10, 10);
    assert.equal(await page.getByTestId('status-select').inputValue(), 'busy');
  });

  test('an image pasted into the composer is uploaded and sent; a click opens it in the page', { timeout: T }, async () => {
    await conversationEntry(sara.page, 'room:general').click();
    await conversationEntry(omar.page, 'room:general').click();
    const png = [...landscapePng(400, 250)];
    await sara.page.getByTestId('composer').evaluate((composer, bytes) => {
      const data = new DataTransfer();
      data.items.add(new File([new Uint8Array(bytes)], 'image.png', { type: 'image/png' }));
      composer.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    }, png);
    await waitUntil(() => sara.page.getByTestId('upload').evaluateAll((nodes) => nodes.map((n) => n.dataset.state)), {
      check: (states) => states.length === 1 && states[0] === 'done', message: 'the pasted image uploaded',
    });
    await sendWithEnter(sara.page, 'pasted screenshot');
    const image = messagesWithText(omar.page, 'pasted screenshot').getByTestId('attachment-image');
    await waitUntil(() => image.locator('img').evaluate((img) => img.complete && img.naturalWidth === 400), { message: 'the image shown' });

    await image.click();
    const viewer = omar.page.getByTestId('image-viewer');
    await viewer.waitFor();
    assert.equal(await omar.page.getByTestId('viewer-image').getAttribute('src'), await image.evaluate((a) => a.href));
    assert.equal(await omar.page.getByTestId('viewer-image').getAttribute('alt'), 'image.png');
    assert.equal(omar.page.url().startsWith(scene.server.url), true, 'still on the page, no new tab');
    await omar.page.keyboard.press('Escape');
    await viewer.waitFor({ state: 'hidden' });
    assert.equal(await omar.page.evaluate(() => document.activeElement.dataset.testid), 'attachment-image', 'the focus back on the image');
    // The close button too, in Arabic.
    await conversationEntry(ahmed.page, 'room:general').click();
    const arabicImage = messagesWithText(ahmed.page, 'pasted screenshot').getByTestId('attachment-image');
    await arabicImage.click();
    assert.equal(await ahmed.page.getByTestId('viewer-close').textContent(), 'إغلاق');
    await ahmed.page.getByTestId('viewer-close').click();
    await ahmed.page.getByTestId('image-viewer').waitFor({ state: 'hidden' });
  });

  test('the emoji picker: searched in English or Arabic, arrow keys, inserted at the cursor; reactions use the same set', { timeout: T }, async () => {
    const { page } = sara;
    await conversationEntry(page, 'room:general').click();
    const composer = page.getByTestId('composer');
    await composer.fill('I  you');
    await composer.evaluate((n) => n.setSelectionRange(2, 2));
    await page.getByTestId('emoji-button').click();
    const search = page.getByTestId('emoji-search');
    await search.waitFor();
    assert.equal(await page.evaluate(() => document.activeElement.dataset.testid), 'emoji-search');
    assert.ok(await page.getByTestId('emoji-option').count() >= 300, 'a few hundred emoji');
    await search.fill('red heart');
    assert.equal(await page.getByTestId('emoji-option').first().getAttribute('data-emoji'), '❤️');
    await page.keyboard.press('Enter');
    assert.equal(await composer.inputValue(), 'I ❤️ you');
    assert.equal(await page.getByTestId('emoji-picker').count(), 0);
    assert.equal(await page.evaluate(() => document.activeElement.id), 'composer');

    // Arrow keys in the grid; Escape gives the focus back to the button.
    await page.getByTestId('emoji-button').click();
    await search.fill('قهوة');
    await page.keyboard.press('ArrowDown');
    assert.equal(await page.evaluate(() => document.activeElement.dataset.emoji), '☕');
    await page.keyboard.press('Escape');
    assert.equal(await page.getByTestId('emoji-picker').count(), 0);
    assert.equal(await page.evaluate(() => document.activeElement.dataset.testid), 'emoji-button');
    await composer.press('End');
    await composer.press('Enter');
    await messagesWithText(omar.page, 'I ❤️ you').waitFor();

    // Any emoji of the set as a reaction, from the reaction picker's "+".
    const message = messagesWithText(omar.page, 'I ❤️ you');
    await message.hover();
    await message.getByTestId('react-button').click();
    await message.getByTestId('reaction-more').click();
    await message.getByTestId('emoji-search').fill('rocket');
    await omar.page.keyboard.press('Enter');
    await messagesWithText(page, 'I ❤️ you').locator('[data-testid="reaction"][data-emoji="🚀"]').waitFor();
    assert.equal(await omar.page.evaluate(() => document.activeElement.dataset.testid), 'react-button');

    // In Arabic, the emoji are named in Arabic.
    await ahmed.page.getByTestId('emoji-button').click();
    await ahmed.page.getByTestId('emoji-search').fill('red heart');
    assert.equal(await ahmed.page.getByTestId('emoji-option').first().getAttribute('aria-label'), 'قلب أحمر');
    await ahmed.page.keyboard.press('Escape');
  });

  test('no script errors', { timeout: T }, () => assertNoPageErrors(scene.pages));
});
