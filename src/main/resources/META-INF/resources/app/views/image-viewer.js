// Images of messages open in a viewer inside the page (a modal dialog: Escape or the close button
// closes it, and the focus goes back to the image it came from), with a link to the file itself.

import { el } from './dom.js';

let opener = null;

/** A click on an image of a message: the viewer instead of a new tab (a modified click keeps the browser's way). */
export function onImageClick(event) {
  const link = event.target.closest('a.attachment-image');
  if (!link || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
  event.preventDefault();
  const img = link.querySelector('img');
  opener = link;
  el.viewerImage.src = link.href;
  el.viewerImage.alt = img?.alt || '';
  el.viewerCaption.textContent = img?.alt || '';
  el.viewerOpen.href = link.href;
  el.viewerDialog.showModal();
  el.viewerClose.focus();
}

export function wireImageViewer() {
  el.viewerClose.addEventListener('click', () => el.viewerDialog.close());
  // A click on the backdrop (the dialog itself, outside the picture) closes it too.
  el.viewerDialog.addEventListener('click', (event) => { if (event.target === el.viewerDialog) el.viewerDialog.close(); });
  el.viewerDialog.addEventListener('close', () => {
    el.viewerImage.removeAttribute('src');
    opener?.focus();
    opener = null;
  });
}
