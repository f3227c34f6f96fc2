// Text rules of site search: what goes into the index, how a query is cleaned, and how highlighted
// snippets travel from the database to the page without any stored text ever becoming markup.

export const MAX_QUERY_LENGTH = 200;

/** Marks the database puts around a hit (ts_headline StartSel/StopSel); stripped from indexed text. */
export const HIT_START = '\u0001';
export const HIT_END = '\u0002';

/** Stands in for "<" while PostgreSQL builds a snippet: its parser drops whatever looks like a tag. */
export const LT_STAND_IN = '\u0003';

const CONTROL_CHARS = /\p{Cc}+/gu;

/** One Unicode form (a Mac types "å" as a + ring), no control characters, single spaces. */
export function cleanText(text: string): string {
  return text.normalize('NFC').replace(CONTROL_CHARS, ' ').replace(/\s+/g, ' ').trim();
}

export type QueryCheck = { ok: true; query: string } | { ok: false; reason: 'too_long' };

/** The query as searched: cleaned, and at most MAX_QUERY_LENGTH characters (counted after cleaning). */
export function checkQuery(raw: string | undefined): QueryCheck {
  const query = cleanText(raw ?? '');
  if (query.length > MAX_QUERY_LENGTH) return { ok: false, reason: 'too_long' };
  return { ok: true, query };
}

/** The key names are compared on: lower case, no diacritics, words split by single spaces. */
export function foldName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Readable text of the safe Markdown subset updates use: link text kept, markup characters dropped. */
export function markdownToText(markdown: string): string {
  return cleanText(
    markdown
      .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
      .replace(/^\s{0,3}(#{1,6}|>|[-*+]|\d+[.)])\s+/gm, '')
      .replace(/[*_`~]+/g, ''),
  );
}

export interface TextSegment {
  text: string;
  hit: boolean;
}

/** Splits a snippet from the database into plain and hit segments (rendered as text, never as HTML). */
export function hitSegments(snippet: string): TextSegment[] {
  const segments: TextSegment[] = [];
  const restored = snippet.replaceAll(LT_STAND_IN, '<');
  for (const [index, part] of restored.split(HIT_START).entries()) {
    const end = part.indexOf(HIT_END);
    if (index === 0 || end < 0) {
      pushSegment(segments, part.replaceAll(HIT_END, ''), false);
      continue;
    }
    pushSegment(segments, part.slice(0, end), true);
    pushSegment(segments, part.slice(end + 1).replaceAll(HIT_END, ''), false);
  }
  return segments;
}

function pushSegment(segments: TextSegment[], text: string, hit: boolean): void {
  if (text === '') return;
  const last = segments[segments.length - 1];
  if (last && last.hit === hit) last.text += text;
  else segments.push({ text, hit });
}

/** The segments as HTML for API clients: text escaped, hits in <mark>. */
export function segmentsToHtml(segments: TextSegment[]): string {
  return segments.map((s) => (s.hit ? `<mark>${escapeHtml(s.text)}</mark>` : escapeHtml(s.text))).join('');
}

export function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

/** The first words of a text, for a result found by its name rather than by its words. */
export function leadingWords(text: string, words: number): string {
  const all = text.split(' ');
  return all.length <= words ? text : `${all.slice(0, words).join(' ')} …`;
}

/** A name as a suggested query: "Skarpnäck (tunnelbana)" → "Skarpnäck". */
export function suggestionOf(name: string): string {
  return name.replace(/\s*\([^)]*\)\s*$/, '').trim() || name;
}
