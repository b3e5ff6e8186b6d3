// Draws Stillroom's marks into resources/ (committed; run again only when the design changes):
// the app icon (PNG + Windows .ico) and tray marks that differ in shape, not colour, when a session runs.
import { mkdirSync, writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (bytes) => {
  let c = 0xffffffff;
  for (const byte of bytes) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type, data) => {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'ascii');
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
};
function png(size, pixel) {
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    for (let x = 0; x < size; x++) {
      const [r, g, b, a] = pixel(x + 0.5, y + 0.5, size);
      raw.set([r, g, b, a], y * (size * 4 + 1) + 1 + x * 4);
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8);
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', header), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}
// Coverage of a shape given its signed distance in pixels (negative inside): one pixel of antialiasing.
const cover = (distance) => Math.min(1, Math.max(0, 0.5 - distance));
const over = (bottom, top, alpha) => bottom.map((value, i) => (i < 3 ? value + (top[i] - value) * alpha : Math.min(255, value + 255 * alpha * (1 - value / 255))));

function appIcon(x, y, size) {
  const s = size / 1024;
  const half = size / 2;
  // Rounded square, calm blue-grey.
  const inset = 64 * s;
  const radius = 200 * s;
  const qx = Math.abs(x - half) - (half - inset - radius);
  const qy = Math.abs(y - half) - (half - inset - radius);
  const square = Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - radius;
  let color = [0, 0, 0, 0];
  color = over(color, [61, 90, 128, 255], cover(square));
  const d = Math.hypot(x - half, y - half);
  // A still ring and a small centre: the room, and the one thing in it.
  color = over(color, [244, 240, 230, 255], cover(Math.abs(d - 270 * s) - 34 * s));
  color = over(color, [244, 240, 230, 255], cover(d - 62 * s));
  return color;
}

function trayMark(running, rgb) {
  return (x, y, size) => {
    const half = size / 2;
    const d = Math.hypot(x - half, y - half);
    const ring = cover(Math.abs(d - size * 0.36) - size * 0.065);
    const disc = running ? cover(d - size * 0.2) : 0;
    return [...rgb, Math.round(255 * Math.max(ring, disc))];
  };
}

function ico(images) {
  const header = Buffer.alloc(6 + images.length * 16);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(images.length, 4);
  let offset = header.length;
  images.forEach(({ size, data }, i) => {
    const entry = 6 + i * 16;
    header[entry] = size >= 256 ? 0 : size;
    header[entry + 1] = size >= 256 ? 0 : size;
    header.writeUInt16LE(1, entry + 4);
    header.writeUInt16LE(32, entry + 6);
    header.writeUInt32LE(data.length, entry + 8);
    header.writeUInt32LE(offset, entry + 12);
    offset += data.length;
  });
  return Buffer.concat([header, ...images.map((image) => image.data)]);
}

mkdirSync('resources/icons', { recursive: true });
mkdirSync('resources/tray', { recursive: true });
writeFileSync('resources/icons/icon.png', png(1024, appIcon));
writeFileSync('resources/icons/icon.ico', ico([16, 24, 32, 48, 64, 128, 256].map((size) => ({ size, data: png(size, appIcon) }))));
for (const [name, running] of [['tray', false], ['trayRunning', true]]) {
  // macOS: black template images (the menu bar tints them). Elsewhere: a mid grey that reads on light and dark panels.
  writeFileSync(`resources/tray/${name}Template.png`, png(16, trayMark(running, [0, 0, 0])));
  writeFileSync(`resources/tray/${name}Template@2x.png`, png(32, trayMark(running, [0, 0, 0])));
  writeFileSync(`resources/tray/${name}.png`, png(32, trayMark(running, [128, 128, 128])));
}
