// Search results without any DOM: whether a query can be sent, the hits grouped by conversation,
// and a message's text cut at its highlights.

/** The server refuses a query without a word (a run of letters or digits) or over 200 characters. */
export function searchable(query) {
  const text = String(query ?? '').trim();
  return text.length > 0 && text.length <= 200 && /[\p{L}\p{N}]/u.test(text);
}

/**
 * Hits (newest first) grouped by `keyOf(message)`, the groups in the order of their newest hit:
 * [{ key, hits }].
 */
export function groupHits(hits, keyOf) {
  const groups = new Map();
  for (const hit of hits) {
    const key = keyOf(hit.message);
    if (!groups.has(key)) groups.set(key, { key, hits: [] });
    groups.get(key).hits.push(hit);
  }
  return [...groups.values()];
}

/**
 * `text` as consecutive parts [{ text, mark }], the `[start, end)` ranges (UTF-16 offsets, as the
 * server gives them) marked. Ranges out of the text are clipped; overlapping ones merge.
 */
export function highlightParts(text, ranges) {
  const value = String(text ?? '');
  const spans = (Array.isArray(ranges) ? ranges : [])
    .map(([start, end]) => [Math.max(0, Number(start) || 0), Math.min(value.length, Number(end) || 0)])
    .filter(([start, end]) => start < end)
    .sort((a, b) => a[0] - b[0]);
  const parts = [];
  let at = 0;
  for (const [start, end] of spans) {
    if (end <= at) continue;
    const piece = value.slice(Math.max(start, at), end);
    if (start > at) parts.push({ text: value.slice(at, start), mark: false }, { text: piece, mark: true });
    else if (parts.at(-1)?.mark) parts.at(-1).text += piece;
    else parts.push({ text: piece, mark: true });
    at = end;
  }
  if (at < value.length) parts.push({ text: value.slice(at), mark: false });
  return parts;
}

/**
 * At most about `length` code units of a long text, from a little before its first highlight,
 * with "…" where it was cut; the ranges follow the text. { text, ranges }.
 */
export function excerpt(text, ranges, length = 240) {
  const value = String(text ?? '');
  const list = Array.isArray(ranges) ? ranges : [];
  if (value.length <= length) return { text: value, ranges: list };
  const first = Math.min(...list.map(([start]) => Number(start) || 0), value.length);
  // Never between the two halves of a surrogate pair.
  const inside = (at) => (at > 0 && at < value.length && /[\uDC00-\uDFFF]/u.test(value[at]) ? at - 1 : at);
  const from = inside(Math.max(0, Math.min(first - 40, value.length - length)));
  const to = inside(Math.min(value.length, from + length));
  const head = from > 0 ? '…' : '';
  const shift = head.length - from;
  return {
    text: `${head}${value.slice(from, to)}${to < value.length ? '…' : ''}`,
    ranges: list.map(([start, end]) => [start + shift, Math.min(end, to) + shift]),
  };
}
