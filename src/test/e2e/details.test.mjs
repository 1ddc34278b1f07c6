// Details of daily use, with three users (English and Arabic): a right-to-left preview in the
// English interface is cut at its end; a wide image keeps its bubble narrow; a reload returns to
// the open conversation with its draft; a room shows who joined, left or was invited; a file over
// the size limit is refused before it is sent; during an outage the online list is not shown
// online.

import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { landscapePng } from './lib/images.mjs';
import { assertNoPageErrors, cast } from './lib/cast.mjs';
import {
  conversationEntry, createRoom, messagesWithText, sendWithEnter, userEntry,
  waitReconnected, waitUntil,
} from './lib/browser.mjs';

const T = 60_000;
const ARABIC = 'مرحبا بكم جميعا، هذه رسالة طويلة جدا لا تتسع في الشريط الجانبي فتقطع عند نهايتها';

describe('details of daily use', { timeout: 300_000 }, () => {
  const scene = cast({ name: 'details' }, [
    { name: 'Sara' },
    { name: 'Omar' },
    { name: 'أحمد', locale: 'ar' },
  ]);
  let sara; let omar; let ahmed;
  before(() => { [sara, omar, ahmed] = scene.users; });

  test('a right-to-left preview in the English interface reads from its start and is cut at its end', { timeout: T }, async () => {
    await sendWithEnter(omar.page, ARABIC);
    const preview = conversationEntry(sara.page, 'room:general').getByTestId('conversation-preview');
    await waitUntil(() => preview.textContent(), { check: (text) => text === `Omar: ${ARABIC}`, message: 'the preview' });
    const shown = await preview.evaluate((node) => ({
      direction: getComputedStyle(node).direction,
      overflows: node.scrollWidth > node.clientWidth,
      label: node.querySelector('bdi')?.textContent,
    }));
    assert.deepEqual(shown, { direction: 'rtl', overflows: true, label: 'Omar:' });
    // An English message keeps the English direction.
    await sendWithEnter(omar.page, 'and a plain English line');
    await waitUntil(() => preview.evaluate((node) => getComputedStyle(node).direction), {
      check: (d) => d === 'ltr', message: 'the English preview left to right',
    });
  });

  test('a wide image does not stretch its bubble', { timeout: T }, async () => {
    const { page } = sara;
    await page.getByTestId('file-input').setInputFiles({ name: 'panorama.png', mimeType: 'image/png', buffer: landscapePng(1600, 240) });
    await waitUntil(() => page.getByTestId('upload').getAttribute('data-state'), { check: (s) => s === 'done', message: 'the upload' });
    await page.getByTestId('send').click();
    // The sent message, not its pending copy: the ack replaces the pending bubble with a new one.
    const sent = page.locator('.message:not(.pending)').filter({ has: page.getByTestId('attachment-image') });
    await waitUntil(() => sent.locator('img').evaluate((img) => img.complete && img.naturalWidth > 0), { message: 'the image to load' });
    const bubble = await sent.boundingBox();
    const list = await page.getByTestId('message-list').boundingBox();
    assert.ok(bubble.width <= 360, `bubble ${bubble.width} px wide (list ${list.width} px)`);
  });

  test('a reload returns to the conversation that was open, with its draft, and keeps the other drafts', { timeout: T }, async () => {
    const { page } = sara;
    const composer = page.getByTestId('composer');
    await composer.fill('a draft for everyone');
    await userEntry(page, 'Omar').click();
    await waitUntil(() => page.getByTestId('conversation-title').textContent(), { check: (t) => t === 'Omar', message: 'the direct conversation' });
    await composer.pressSequentially('half a thought for Omar');
    await page.reload();
    await page.getByTestId('chat').waitFor();
    await waitUntil(() => page.getByTestId('conversation-title').textContent(), { check: (t) => t === 'Omar', message: 'back in the direct conversation' });
    assert.equal(await composer.inputValue(), 'half a thought for Omar');
    await conversationEntry(page, 'room:general').click();
    assert.equal(await composer.inputValue(), 'a draft for everyone');
    // Sent, a draft is gone.
    await composer.press('Enter');
    await messagesWithText(omar.page, 'a draft for everyone').waitFor();
    await page.reload();
    await page.getByTestId('chat').waitFor();
    await waitUntil(() => page.getByTestId('conversation-title').textContent(), { check: (t) => t === '# general', message: 'general again' });
    assert.equal(await composer.inputValue(), '');
  });

  test('a room shows who joined, who left and who invited whom, in English and Arabic', { timeout: T }, async () => {
    await createRoom(sara.page, 'tea', { members: 'Omar' });
    await sara.page.getByTestId('members-toggle').click();
    await sara.page.getByTestId('invite-name').fill('أحمد');
    await sara.page.getByTestId('invite-submit').click();
    const lines = (page) => page.getByTestId('system-line').allTextContents();
    await waitUntil(() => lines(sara.page), { check: (l) => l.includes('You invited أحمد'), message: 'the invitation line' });
    for (const page of [omar.page, ahmed.page]) {
      await page.locator('[data-testid="invitation"][data-room="tea"]').getByTestId('accept-invitation').click();
      await conversationEntry(page, 'room:tea').click();
    }
    await waitUntil(() => lines(sara.page), {
      check: (l) => l.includes('Omar joined') && l.includes('أحمد joined'), message: 'the join lines',
    });
    await omar.page.getByTestId('leave-room').click();
    await omar.page.getByTestId('leave-room').click(); // the second click confirms
    await waitUntil(() => lines(sara.page), { check: (l) => l.includes('Omar left'), message: 'the leave line' });
    await waitUntil(() => lines(ahmed.page), { check: (l) => l.includes('غادر Omar الغرفة'), message: 'the Arabic leave line' });
    const isolated = await ahmed.page.getByTestId('system-line').last().locator('bdi').textContent();
    assert.equal(isolated, 'Omar', 'the name isolated from the Arabic text');
    // The lines stay when the room is opened again.
    await conversationEntry(sara.page, 'room:general').click();
    await conversationEntry(sara.page, 'room:tea').click();
    assert.deepEqual(await lines(sara.page), ['You invited أحمد', 'Omar joined', 'أحمد joined', 'Omar left']);

    // Every member sees an invitation (member_invited): who invited whom; the inviter, once, "You invited".
    await ahmed.page.getByTestId('members-toggle').click();
    await ahmed.page.getByTestId('invite-name').fill('Omar');
    await ahmed.page.getByTestId('invite-submit').click();
    await waitUntil(() => lines(sara.page), { check: (l) => l.at(-1) === 'أحمد invited Omar', message: 'the line for the others' });
    await waitUntil(() => lines(ahmed.page), { check: (l) => l.at(-1) === 'دعوتَ Omar', message: 'the Arabic line for the inviter' });
    assert.equal((await lines(ahmed.page)).filter((l) => l === 'دعوتَ Omar').length, 1);
  });

  test('a file over the size limit is refused before it is sent, naming the limit', { timeout: T }, async () => {
    const { page } = sara;
    const uploads = [];
    page.on('request', (request) => { if (request.url().includes('/api/files')) uploads.push(request.url()); });
    await page.getByTestId('file-input').setInputFiles([
      { name: 'big.bin', mimeType: 'application/octet-stream', buffer: Buffer.alloc(11 * 1024 * 1024) },
      { name: 'small.txt', mimeType: 'text/plain', buffer: Buffer.from('fits') },
    ]);
    const error = page.getByTestId('composer-error');
    await error.waitFor();
    assert.equal(await error.textContent(), 'File too large: big.bin is 11.5 MB; at most 10 MB.');
    await waitUntil(() => page.getByTestId('upload').evaluateAll((nodes) => nodes.map((n) => n.dataset.state)), {
      check: (states) => states.length === 1 && states[0] === 'done', message: 'only the small file uploaded',
    });
    assert.equal(uploads.length, 1, 'one upload request');
    await page.getByTestId('upload-remove').click();
  });

  test('during an outage the online list is not shown online', { timeout: T }, async () => {
    const { page } = sara;
    const list = page.getByTestId('user-list');
    assert.equal(await list.getAttribute('data-unknown'), 'false');
    assert.equal(await page.getByTestId('online-unknown').isVisible(), false);
    const restarted = scene.server.restart({ downMs: 4000 });
    await page.getByTestId('banner').waitFor();
    await waitUntil(() => list.getAttribute('data-unknown'), { check: (v) => v === 'true', message: 'the list marked unknown' });
    assert.equal(await page.getByTestId('online-unknown').textContent(), 'Connection lost: who is online is not known right now.');
    const dot = await userEntry(page, 'Omar').locator('.status-dot').evaluate((node) => getComputedStyle(node).backgroundColor);
    assert.notEqual(dot, 'rgb(22, 163, 74)', 'not the green of online');
    assert.equal(await userEntry(page, 'Omar').getByTestId('user-status').isVisible(), false);
    await restarted;
    await waitReconnected(page);
    await waitUntil(() => list.getAttribute('data-unknown'), { check: (v) => v === 'false', message: 'the list known again' });
    assert.equal(await page.getByTestId('online-unknown').isVisible(), false);
  });

  test('no script errors', { timeout: T }, () => assertNoPageErrors(scene.pages));
});
