// The length of a message as the server counts it (protocol.md, "Messages"): Unicode code
// points, at most 4000. `String.length` and `maxlength` count UTF-16 units, an emoji as two.

export const MAX_MESSAGE_LENGTH = 4000;
// The composer shows its counter from here on, early enough to see the end coming.
export const COUNTER_FROM = 3500;

export function messageLength(text) {
  let count = 0;
  for (const _ of String(text ?? '')) count++; // a string iterates by code point
  return count;
}

/** What the composer shows about `text`: its length, whether to show a counter, how far over. */
export function lengthStatus(text) {
  const length = messageLength(text);
  return { length, counter: length >= COUNTER_FROM, over: Math.max(0, length - MAX_MESSAGE_LENGTH) };
}
