// Files staged for the next message: each is uploaded as soon as it is picked or dropped (with a
// progress bar), and the message that is sent next carries the ids of those that finished.
//
// User-supplied file names reach the DOM only as text.

import { uploadFile } from './majlis-client.js';
import { t, errorText, formatCount, formatSize } from './i18n.js';

/** Image types the server serves inline; anything else is a download. */
export const INLINE_IMAGE_TYPES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);

export const MAX_ATTACHMENTS = 10; // per message (src/docs/protocol.md, Messages)
const MIB = 1024 * 1024;
// The server's default `majlis.files.max-size`, until a welcome says what this server takes.
const DEFAULT_MAX_FILE_BYTES = 10 * MIB;

export class UploadTray {
  /**
   * @param {HTMLElement} list the <ul> the staged files are shown in
   * @param {object} options
   * @param {() => string|null} options.token the bearer token for POST /api/files
   * @param {(text: string) => void} options.onError a message about the whole tray (too many files)
   */
  constructor(list, { token, onError }) {
    this.list = list;
    this.token = token;
    this.onError = onError;
    this.items = [];
    this.nextKey = 1;
    this.maxBytes = DEFAULT_MAX_FILE_BYTES;
    list.addEventListener('click', (event) => {
      const remove = event.target.closest('[data-upload-key]');
      if (remove) this.remove(remove.dataset.uploadKey);
    });
  }

  /** The server's upload limit in bytes, from its welcome. */
  setMaxBytes(bytes) {
    if (Number.isFinite(bytes) && bytes > 0) this.maxBytes = bytes;
  }

  /** Stages and starts uploading `files` (a FileList or an array of File); refuses, first, those over the size limit. */
  add(files) {
    const tooLarge = [...files].filter((file) => file.size > this.maxBytes);
    if (tooLarge.length > 0) {
      const max = formatCount(Math.round((this.maxBytes / MIB) * 10) / 10);
      this.onError(tooLarge.map((file) => t('files.too_large', { name: file.name, size: formatSize(file.size), max })).join(' '));
    }
    const picked = [...files].filter((file) => file.size <= this.maxBytes);
    const room = MAX_ATTACHMENTS - this.items.length;
    if (picked.length > room) this.onError(t('files.too_many', { count: MAX_ATTACHMENTS }));
    for (const file of picked.slice(0, Math.max(0, room))) this.start(file);
    this.list.hidden = this.items.length === 0;
  }

  start(file) {
    const item = {
      key: this.nextKey++,
      file,
      state: 'uploading',
      result: null,
      abort: new AbortController(),
      // A local preview of an image, before the server has it (img-src allows blob:).
      preview: INLINE_IMAGE_TYPES.has(file.type) ? URL.createObjectURL(file) : null,
    };
    item.node = this.renderItem(item);
    this.items.push(item);
    this.list.append(item.node);
    uploadFile(file, {
      token: this.token(),
      signal: item.abort.signal,
      onProgress: (loaded, total) => {
        const progress = item.node.querySelector('progress');
        if (progress) progress.value = total > 0 ? Math.round((loaded / total) * 100) : 0;
      },
    }).then((result) => {
      item.state = 'done';
      item.result = result;
      this.refresh(item);
    }, (error) => {
      if (error.code === 'aborted') return;
      item.state = 'failed';
      item.error = error;
      this.refresh(item);
    });
  }

  /** True while any staged file is still on its way. */
  get busy() {
    return this.items.some((item) => item.state === 'uploading');
  }

  /** The server's descriptions ({ id, name, size, contentType, url }) of the uploaded files. */
  get uploaded() {
    return this.items.filter((item) => item.state === 'done').map((item) => item.result);
  }

  remove(key) {
    const item = this.items.find((i) => i.key === Number(key));
    if (!item) return;
    this.items = this.items.filter((i) => i !== item);
    this.discard(item);
    this.list.hidden = this.items.length === 0;
  }

  /** Empties the tray (after sending, or logging out), cancelling uploads still running. */
  clear() {
    this.items.forEach((item) => this.discard(item));
    this.items = [];
    this.list.hidden = true;
  }

  discard(item) {
    item.abort.abort();
    if (item.preview) URL.revokeObjectURL(item.preview);
    item.node.remove();
  }

  refresh(item) {
    const node = this.renderItem(item);
    item.node.replaceWith(node);
    item.node = node;
  }

  renderItem(item) {
    const li = document.createElement('li');
    li.className = 'upload';
    li.dataset.testid = 'upload';
    li.dataset.state = item.state;
    if (item.preview) {
      const thumb = document.createElement('img');
      thumb.className = 'upload-thumb';
      thumb.src = item.preview;
      thumb.alt = '';
      li.append(thumb);
    }
    const name = document.createElement('bdi');
    name.className = 'upload-name';
    name.textContent = item.file.name;
    const size = document.createElement('span');
    size.className = 'upload-size muted';
    size.textContent = formatSize(item.file.size);
    li.append(name, size);
    if (item.state === 'uploading') {
      const progress = document.createElement('progress');
      progress.max = 100;
      progress.value = 0;
      progress.dataset.testid = 'upload-progress';
      progress.setAttribute('aria-label', item.file.name);
      li.append(progress);
    } else if (item.state === 'failed') {
      const error = document.createElement('span');
      error.className = 'upload-error';
      error.dataset.testid = 'upload-error';
      error.setAttribute('role', 'alert');
      error.textContent = t('files.failed', { reason: errorText(item.error?.code || 'upload_failed') });
      li.append(error);
    }
    const remove = document.createElement('button');
    remove.type = 'button';
    remove.className = 'upload-remove';
    remove.dataset.testid = 'upload-remove';
    remove.dataset.uploadKey = String(item.key);
    remove.setAttribute('aria-label', t('files.remove', { name: item.file.name }));
    remove.textContent = '×';
    li.append(remove);
    return li;
  }
}
