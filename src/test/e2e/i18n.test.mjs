// English and Arabic: both tables complete; the language comes from the browser's preferences,
// a visible switch changes it and is remembered; the Arabic interface is right to left with the
// layout mirrored, while every message keeps its own direction (dir="auto"). Ends with the
// Arabic screenshot for the README.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { preferredLocale, tableKeys, setLocale, t } from '../../main/resources/META-INF/resources/i18n.js';
import { startServer } from './lib/server.mjs';
import {
  launchBrowser, loginAs, messagesWithText, openPage, screenshotForDocs, sendWithEnter,
} from './lib/browser.mjs';
import { buildScene } from './lib/scene.mjs';

const T = 60_000;

/** The {placeholders} of every string of a language. */
function placeholders(locale) {
  setLocale(locale);
  return Object.fromEntries(tableKeys()[locale].map((key) => [key, (t(key).match(/\{\w+\}/g) || []).sort().join()]));
}

describe('languages', { timeout: 300_000 }, () => {
  let server;
  let browser;
  const pages = [];

  async function newPage(options) {
    const p = await openPage(browser, server.url, options);
    pages.push(p);
    return p;
  }

  before(async () => {
    [server, browser] = await Promise.all([startServer({ name: 'i18n' }), launchBrowser()]);
  });

  after(async () => {
    await browser?.close().catch(() => {});
    await server?.stop();
  });

  test('the Arabic table translates every English string, with the same placeholders', () => {
    const { en, ar } = tableKeys();
    // Plural forms differ by language (Arabic has six): compare the keys without them.
    const singular = (keys) => keys.filter((key) => !/\.(zero|one|two|few|many|other)$/.test(key)).sort();
    assert.deepEqual(singular(ar), singular(en));
    const english = placeholders('en');
    const arabic = placeholders('ar');
    for (const key of singular(en)) assert.equal(arabic[key], english[key], `placeholders of ${key}`);
    // Every Arabic string with words in it has Arabic letters (not just a placeholder pattern).
    setLocale('ar');
    for (const key of singular(ar)) {
      const words = t(key).replace(/\{\w+\}/g, '');
      if (/\p{L}/u.test(words)) assert.match(words, /[\u0600-\u06FF]/, `${key} looks untranslated: ${t(key)}`);
    }
    setLocale('en');
    assert.equal(preferredLocale(['ar-EG', 'en']), 'ar');
    assert.equal(preferredLocale(['fr-FR', 'en-GB']), 'en');
    assert.equal(preferredLocale(['de']), 'en');
  });

  test('an Arabic browser gets the Arabic interface, right to left and mirrored', { timeout: T }, async () => {
    const { page } = await newPage({ locale: 'ar' });
    const html = page.locator('html');
    assert.equal(await html.getAttribute('lang'), 'ar');
    assert.equal(await html.getAttribute('dir'), 'rtl');
    assert.equal(await page.locator('#login-form .login-heading').textContent(), 'الدخول كضيف');
    assert.equal(await page.getByTestId('login-submit').textContent(), 'دخول');
    assert.equal(await page.getByTestId('language-toggle').textContent(), 'English');
    await loginAs(page, 'ليلى');
    assert.equal(await page.locator('.section-title').first().textContent(), 'الغرف');
    assert.equal(await page.getByTestId('send').textContent(), 'إرسال');
    assert.equal(await page.getByTestId('composer').getAttribute('placeholder'), 'رسالة إلى #general');
    assert.equal(await page.title(), 'مجلس');

    // Mirrored: the sidebar is on the right of the conversation, the send button on the left of the composer.
    const sidebar = await page.getByTestId('sidebar').boundingBox();
    const pane = await page.locator('.conversation-pane').boundingBox();
    assert.ok(sidebar.x > pane.x, `sidebar at x=${sidebar.x}, conversation at x=${pane.x}`);
    const send = await page.getByTestId('send').boundingBox();
    const composer = await page.getByTestId('composer').boundingBox();
    assert.ok(send.x < composer.x, 'the send button is at the start (left) of a right-to-left row');

    // Messages keep their own direction.
    await sendWithEnter(page, 'Hello in English');
    const english = messagesWithText(page, 'Hello in English');
    // The message element is replaced once the server has acknowledged it: look at that one.
    await english.and(page.locator('[data-message-id^="m_"]')).waitFor();
    assert.equal(await english.getAttribute('dir'), 'auto');
    assert.equal(await english.getByTestId('message-text').evaluate((n) => getComputedStyle(n).direction), 'ltr');
    await sendWithEnter(page, 'مرحبا بالجميع');
    const arabic = messagesWithText(page, 'مرحبا بالجميع').and(page.locator('[data-message-id^="m_"]'));
    await arabic.waitFor();
    assert.equal(await arabic.getByTestId('message-text').evaluate((n) => getComputedStyle(n).direction), 'rtl');
  });

  test('the switch changes the language at once and is remembered', { timeout: T }, async () => {
    const { page } = await newPage();
    const html = page.locator('html');
    assert.equal(await html.getAttribute('dir'), 'ltr');
    await page.getByTestId('language-toggle').click();
    assert.equal(await html.getAttribute('lang'), 'ar');
    assert.equal(await html.getAttribute('dir'), 'rtl');
    assert.equal(await page.getByTestId('login-submit').textContent(), 'دخول');
    await page.reload();
    assert.equal(await html.getAttribute('dir'), 'rtl', 'remembered after a reload');
    await loginAs(page, 'Tom');
    // Back to English from the settings, in the chat.
    await page.getByTestId('open-settings').click();
    assert.equal(await page.getByTestId('language-select').inputValue(), 'ar');
    await page.getByTestId('language-select').selectOption('en');
    await page.keyboard.press('Escape');
    assert.equal(await html.getAttribute('dir'), 'ltr');
    assert.equal(await page.getByTestId('send').textContent(), 'Send');
    assert.equal(await page.getByTestId('conversation-subtitle').textContent(), 'Public room');
    await page.reload();
    await page.getByTestId('chat').waitFor();
    assert.equal(await html.getAttribute('lang'), 'en');
  });

  test('screenshot of the Arabic interface', { timeout: T }, async () => {
    const sara = await newPage({ locale: 'ar' });
    const ahmed = await newPage({ locale: 'ar' });
    await loginAs(sara.page, 'سارة');
    await loginAs(ahmed.page, 'أحمد');
    const host = { page: sara.page, name: 'سارة' };
    const guest = { page: ahmed.page, name: 'أحمد' };
    await buildScene(host, guest, {
      room: 'رحلة-الجبل',
      direct: 'هل ما زلت قادمة يوم السبت؟',
      lines: [
        [host, 'صباح الخير! الطقس مشمس طوال عطلة نهاية الأسبوع.'],
        [guest, 'ممتاز. هل ننطلق في الثامنة لنتجنب الزحام؟'],
        [host, 'نعم، الثامنة تمامًا. سأحضر القهوة.'],
        [guest, 'وأنا سأحضر الوجبات الخفيفة والمظلة.'],
      ],
      caption: 'هذا هو الشاطئ الذي حدثتك عنه',
      reactTo: 'نعم، الثامنة تمامًا. سأحضر القهوة.',
    });
    await screenshotForDocs(sara.page, 'app-arabic.png', 'arabic.png');
  });

  test('no script errors, no CSP violations', { timeout: T }, async () => {
    for (const p of pages) {
      assert.deepEqual(p.record.pageErrors, []);
      assert.deepEqual(p.record.consoleErrors.filter((e) => /Content Security Policy|Refused to/i.test(e)), []);
    }
  });
});
