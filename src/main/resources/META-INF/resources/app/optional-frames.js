// Frames whose errors nobody needs to see (read marks, typing), without any DOM. A server that
// does not know such a frame type answers `unknown_type`: the type is then not sent again.

const REMEMBERED = 200; // ids of frames sent whose error may still come back

export class OptionalFrames {
  /** @param {object} client the MajlisClient; @param {Set<string>} unsupported types not to send */
  constructor(client, unsupported) {
    this.client = client;
    this.unsupported = unsupported;
    this.sent = new Map(); // frame id -> type
    this.nextId = 0;
  }

  send(type, payload) {
    if (this.unsupported.has(type)) return;
    const id = `o-${++this.nextId}`;
    if (this.client.send(type, payload, { id }) === null) return;
    this.sent.set(id, type);
    if (this.sent.size > REMEMBERED) this.sent.delete(this.sent.keys().next().value);
  }

  /** True when `error` answers one of these frames (and is thereby dealt with). */
  absorb(error) {
    const ref = error.payload?.ref;
    if (!ref || !this.sent.has(ref)) return false;
    const type = this.sent.get(ref);
    this.sent.delete(ref);
    if (error.code === 'unknown_type') this.unsupported.add(type);
    return true;
  }
}
