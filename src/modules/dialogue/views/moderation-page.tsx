// The moderation queue: residents' texts waiting for a decision, oldest first, with anything that looks
// like personal data marked, and approve / reject with an optional note.
import { findPersonalData } from '../../../domain/personal-data.ts';
import { formatNumber } from '../../../domain/target-text.ts';
import { CsrfField } from '../../../web/components/form.tsx';
import { type Lang, langPrefix, messages } from '../../../web/i18n.ts';
import { dialogueMessages } from '../messages.ts';
import { moderationPath, resultsPath } from '../paths.ts';
import type { InputDetail } from '../repo.ts';
import { formatDateTime } from './format.ts';

export type ModerationNotice = 'approved' | 'rejected' | 'already';

export function ModerationPage(props: {
  lang: Lang;
  area: { slug: string; name: string };
  pending: InputDetail[];
  counts: { pending: number; approved: number; rejected: number };
  csrfToken: string;
  notice?: ModerationNotice | undefined;
  /** An error with the note of one input (its id), when the form came back. */
  noteError?: { id: number; message: string; note: string } | undefined;
}) {
  const { lang, area, counts } = props;
  const t = messages(lang);
  const m = dialogueMessages(lang);
  const count = (n: number) => formatNumber(n, lang);
  return (
    <>
      <p class="eyebrow">
        <a href={`${langPrefix(lang)}/staff/${area.slug}`}>{t.lpo(area.name)}</a>
      </p>
      <h1>{m.moderationTitle}</h1>
      {props.notice ? (
        <p class="dialogue-decided" role="status">
          {props.notice === 'already' ? m.alreadyDecided : m.decided[props.notice]}
        </p>
      ) : null}
      <p>{m.moderationIntro}</p>
      <p class="lead">{m.counts(count(counts.pending), count(counts.approved), count(counts.rejected))}</p>
      <p>
        <a href={resultsPath(lang, area.slug)}>{m.seePublic}</a>
      </p>
      <h2>{m.queueHeading}</h2>
      {props.pending.length === 0 ? <p>{m.queueEmpty}</p> : null}
      {props.pending.map((input) => (
        <QueueItem
          key={input.id}
          lang={lang}
          areaSlug={area.slug}
          input={input}
          csrfToken={props.csrfToken}
          noteError={props.noteError?.id === input.id ? props.noteError : undefined}
        />
      ))}
    </>
  );
}

function QueueItem(props: {
  lang: Lang;
  areaSlug: string;
  input: InputDetail;
  csrfToken: string;
  noteError: { message: string; note: string } | undefined;
}) {
  const { lang, input } = props;
  const m = dialogueMessages(lang);
  const text = input.free_text ?? '';
  const findings = findPersonalData(text);
  const headingId = `input-${input.id}`;
  const noteId = `note-${input.id}`;
  const where = input.place_name ? `${input.place_name}, ${input.district_name}` : input.district_name;
  const when = `${input.weekday === null ? m.varies : m.weekdays[input.weekday - 1]}, ${m.timeBands[input.time_band]}`;
  return (
    <article class="dialogue-item" aria-labelledby={headingId}>
      <h3 id={headingId}>{m.submittedHeading(formatDateTime(input.submitted_at, lang))}</h3>
      <p class="meta">
        {where} · {when} · {input.categories.map((c) => m.categories[c]).join(', ')}
        {input.is_demo ? ` · ${m.demo}` : ''}
      </p>
      {findings.length > 0 ? <p class="notice">{m.findingsWarning}</p> : null}
      <blockquote class="dialogue-text" lang="sv">
        {segments(text, findings).map((s) =>
          s.marked ? <mark key={s.start}>{s.text}</mark> : <span key={s.start}>{s.text}</span>,
        )}
      </blockquote>
      <form
        method="post"
        action={`${moderationPath(lang, props.areaSlug)}/${input.id}`}
        class="dialogue-decide"
      >
        <CsrfField token={props.csrfToken} />
        <div class="form-field">
          <label for={noteId}>{m.note}</label>
          {props.noteError ? (
            <p class="field-error" id={`${noteId}-error`}>
              {props.noteError.message}
            </p>
          ) : null}
          <textarea
            id={noteId}
            name="note"
            rows={2}
            aria-invalid={props.noteError ? 'true' : undefined}
            aria-describedby={props.noteError ? `${noteId}-error` : undefined}
          >
            {props.noteError?.note ?? ''}
          </textarea>
        </div>
        <div class="dialogue-buttons">
          <button type="submit" name="decision" value="approve" class="primary" aria-describedby={headingId}>
            {m.approve}
          </button>
          <button type="submit" name="decision" value="reject" aria-describedby={headingId}>
            {m.reject}
          </button>
        </div>
      </form>
    </article>
  );
}

/** The text cut at the findings, so they can be marked. */
function segments(
  text: string,
  findings: { start: number; end: number }[],
): { start: number; text: string; marked: boolean }[] {
  const result: { start: number; text: string; marked: boolean }[] = [];
  let at = 0;
  for (const f of findings) {
    if (f.start > at) result.push({ start: at, text: text.slice(at, f.start), marked: false });
    result.push({ start: f.start, text: text.slice(f.start, f.end), marked: true });
    at = f.end;
  }
  if (at < text.length) result.push({ start: at, text: text.slice(at), marked: false });
  return result;
}
