'use strict';
// A web-only copy of a .vsix: the same package with `main` removed from extension/package.json,
// so that VS Code runs its `browser` entry in the web worker extension host. A .vsix is a ZIP
// file; this reads and writes the plain ZIP subset that vsce produces (no ZIP64, no encryption)
// with Node's zlib alone.
const fs = require('fs');
const zlib = require('zlib');

const CRC_TABLE = new Int32Array(256).map((_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c;
});

function crc32(buf) {
  let c = -1;
  for (let i = 0; i < buf.length; i++) c = CRC_TABLE[(c ^ buf[i]) & 0xff] ^ (c >>> 8);
  return (c ^ -1) >>> 0;
}

/** Entries of a ZIP file: [{ name, data }] in archive order, data uncompressed. */
function readZip(buf) {
  let eocd = buf.length - 22;
  while (eocd >= 0 && buf.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  if (eocd < 0) throw new Error('not a ZIP file (no end of central directory)');
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const entries = [];
  for (let i = 0; i < count; i++) {
    if (buf.readUInt32LE(p) !== 0x02014b50) throw new Error(`bad central directory entry ${i}`);
    const method = buf.readUInt16LE(p + 10);
    const compressedSize = buf.readUInt32LE(p + 20);
    const size = buf.readUInt32LE(p + 24);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.toString('utf8', p + 46, p + 46 + nameLen);
    p += 46 + nameLen + extraLen + commentLen;
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const raw = buf.subarray(start, start + compressedSize);
    const data = method === 0 ? Buffer.from(raw) : method === 8 ? zlib.inflateRawSync(raw) : null;
    if (!data) throw new Error(`${name}: unsupported compression method ${method}`);
    if (data.length !== size) throw new Error(`${name}: size ${data.length}, expected ${size}`);
    entries.push({ name, data });
  }
  return entries;
}

/** A ZIP file (deflated entries) from [{ name, data }]. */
function writeZip(entries) {
  const locals = [];
  const centrals = [];
  let offset = 0;
  for (const { name, data } of entries) {
    const nameBuf = Buffer.from(name, 'utf8');
    const deflated = zlib.deflateRawSync(data);
    const crc = crc32(data);
    const head = Buffer.alloc(30);
    head.writeUInt32LE(0x04034b50, 0);
    head.writeUInt16LE(20, 4);
    head.writeUInt16LE(0x0800, 6); // names are UTF-8
    head.writeUInt16LE(8, 8);
    head.writeUInt16LE(0, 10);
    head.writeUInt16LE(0x21, 12); // 1980-01-01
    head.writeUInt32LE(crc, 14);
    head.writeUInt32LE(deflated.length, 18);
    head.writeUInt32LE(data.length, 22);
    head.writeUInt16LE(nameBuf.length, 26);
    head.writeUInt16LE(0, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    head.copy(central, 6, 4, 30); // version needed .. name length
    central.writeUInt16LE(0, 30);
    central.writeUInt16LE(0, 32);
    central.writeUInt32LE(offset, 42);
    locals.push(head, nameBuf, deflated);
    centrals.push(central, nameBuf);
    offset += head.length + nameBuf.length + deflated.length;
  }
  const dir = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, end]);
}

/**
 * Writes `out`: a copy of the .vsix `vsix` whose extension/package.json has no `main`, so only
 * the `browser` entry (web worker extension host) can run. Returns the manifest written.
 */
function makeWebOnlyVsix(vsix, out) {
  const entries = readZip(fs.readFileSync(vsix));
  const manifest = entries.find((e) => e.name === 'extension/package.json');
  if (!manifest) throw new Error(`${vsix} has no extension/package.json`);
  const pkg = JSON.parse(manifest.data.toString('utf8'));
  if (!pkg.browser) throw new Error(`${vsix}: the extension has no browser entry to run in a web worker`);
  if (!entries.some((e) => e.name === `extension/${pkg.browser.replace(/^\.\//, '')}`)) {
    throw new Error(`${vsix} lacks its browser entry ${pkg.browser}`);
  }
  delete pkg.main;
  manifest.data = Buffer.from(`${JSON.stringify(pkg, null, 2)}\n`);
  fs.writeFileSync(out, writeZip(entries));
  return pkg;
}

module.exports = { readZip, writeZip, makeWebOnlyVsix, crc32 };
