// The Markdown subset of updates: paragraphs, emphasis, lists, quotes, code spans and links. Raw HTML is
// off, images and headings are off (an update's heading is its title; headings inside would break the
// page's outline), and links may only go to http, https or mailto addresses.
import MarkdownIt from 'markdown-it';

/** HTML that came out of renderMarkdown: the only HTML the updates views insert unescaped. */
export type SafeHtml = string & { readonly __safeHtml: unique symbol };

const ALLOWED_LINK = /^(https?:|mailto:)/i;

const md = new MarkdownIt('zero', { html: false, linkify: true, breaks: true, typographer: false });
md.enable([
  'list',
  'blockquote',
  'emphasis',
  'link',
  'autolink',
  'linkify',
  'newline',
  'escape',
  'backticks',
]);
// markdown-it's own check drops javascript:, vbscript: and most data: links; we allow only what we list.
md.validateLink = (url) => ALLOWED_LINK.test(url.trim());

const defaultLinkOpen =
  md.renderer.rules.link_open ??
  ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
  // Links go to pages we do not control: no referrer-based trust and no ranking given to them.
  tokens[idx]?.attrSet('rel', 'nofollow noopener noreferrer');
  return defaultLinkOpen(tokens, idx, options, env, self);
};

/**
 * Renders an update's Markdown to HTML. Safe to insert unescaped: markdown-it escapes all text and
 * attribute values, raw HTML is disabled (it comes out as text), and links are limited to http(s)/mailto.
 */
export function renderMarkdown(source: string): SafeHtml {
  return md.render(source) as SafeHtml;
}
