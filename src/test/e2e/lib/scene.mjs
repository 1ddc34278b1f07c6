// A realistic conversation for the README's screenshots: two users in a room, a few messages each
// way, a photo and a reaction, plus a direct message so that the sidebar has both kinds.

import { landscapePng } from './images.mjs';
import {
  conversationEntry, createRoom, messagesWithText, sendWithEnter, userEntry, waitUntil,
} from './browser.mjs';

// ❤ is in DejaVu Sans: it shows even where chromium has no colour emoji font.
const REACTION = '❤️';

/**
 * `host` creates `room` inviting `guest`, who accepts; then `lines` ([host|guest, text]) are sent in
 * turn, `host` shares a photo with `caption`, `guest` reacts to `reactTo`, and `guest` sends
 * `host` the direct message `direct`. `host` and `guest` are { page, name }. Ends on `host`'s page
 * with the room open.
 */
export async function buildScene(host, guest, { room, lines, caption, reactTo, direct }) {
  await userEntry(guest.page, host.name).waitFor();
  await userEntry(guest.page, host.name).click();
  await sendWithEnter(guest.page, direct);
  await messagesWithText(guest.page, direct).waitFor();

  await createRoom(host.page, room, { members: guest.name });
  // The guest is invited and accepts from the sidebar.
  await guest.page.locator(`[data-testid="invitation"][data-room="${room.normalize('NFC')}"]`)
    .getByTestId('accept-invitation').click();
  const roomKey = `room:${room.normalize('NFC').toLowerCase()}`;
  await conversationEntry(guest.page, roomKey).click();
  for (const [who, text] of lines) {
    const [from, to] = who === host ? [host, guest] : [guest, host];
    await sendWithEnter(from.page, text);
    await messagesWithText(to.page, text).waitFor();
  }

  await host.page.getByTestId('file-input').setInputFiles({ name: 'beach.png', mimeType: 'image/png', buffer: landscapePng() });
  await waitUntil(() => host.page.getByTestId('upload').evaluateAll((nodes) => nodes.map((n) => n.dataset.state)), {
    check: (states) => states.length === 1 && states[0] === 'done', message: 'the photo to upload',
  });
  await sendWithEnter(host.page, caption);
  for (const { page } of [host, guest]) {
    const image = messagesWithText(page, caption).locator('img');
    await waitUntil(() => image.evaluate((img) => img.complete && img.naturalWidth > 0), { message: 'the photo to load' });
  }

  const message = messagesWithText(guest.page, reactTo);
  await message.hover();
  await message.getByTestId('react-button').click();
  await message.locator(`[data-testid="reaction-option"][data-emoji="${REACTION}"]`).click();
  await messagesWithText(host.page, reactTo).locator(`[data-testid="reaction"][data-emoji="${REACTION}"]`).waitFor();
  // Nothing hovered or focused in the picture, and the newest message in full view.
  await host.page.mouse.move(0, 0);
  await host.page.evaluate(() => document.activeElement?.blur());
  await host.page.getByTestId('message-scroller').evaluate((n) => { n.scrollTop = n.scrollHeight; });
}
