// Valid PNG images made in memory, for upload tests and screenshots.

import { crc32, deflateSync } from 'node:zlib';

/**
 * A PNG of `width` x `height` pixels. `colour` is one [r, g, b] for the whole image, or a
 * function (x, y) => [r, g, b] for a picture.
 */
export function pngImage(width, height, colour = [15, 118, 110]) {
  const pixel = typeof colour === 'function' ? colour : () => colour;
  const chunk = (type, data) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // colour type: RGB
  const rows = Array.from({ length: height }, (_, y) => Buffer.concat([
    Buffer.from([0]), // filter: none
    Buffer.from(Array.from({ length: width }, (_, x) => pixel(x, y)).flat()),
  ]));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header), chunk('IDAT', deflateSync(Buffer.concat(rows))), chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A small landscape: sky, sun, sea and sand, something that looks like a holiday photo. */
export function landscapePng(width = 320, height = 200) {
  const sun = { x: width * 0.72, y: height * 0.3, r: height * 0.12 };
  return pngImage(width, height, (x, y) => {
    const horizon = height * 0.58;
    const beach = height * 0.8 + Math.sin(x / 30) * 6;
    if (Math.hypot(x - sun.x, y - sun.y) < sun.r) return [255, 204, 92];
    if (y < horizon) {
      const k = y / horizon;
      return [Math.round(120 + 120 * k), Math.round(170 + 60 * k), 235];
    }
    if (y < beach) {
      const wave = Math.sin(x / 9 + y / 3) > 0.92 ? 40 : 0;
      return [20 + wave, 110 + wave, 160 + wave];
    }
    return [232, 205, 150];
  });
}
