// Staff pages of updates: the list, the form (new, edit, with a preview) and the delete confirmation.
import { formatDate } from '../../../domain/target-text.ts';
import {
  CsrfField,
  ErrorSummary,
  type FieldErrors,
  SelectField,
  SubmissionField,
  TextArea,
  TextField,
} from '../../../web/components/form.tsx';
import { type Lang, langPrefix, messages } from '../../../web/i18n.ts';
import type { SafeHtml } from '../markdown.ts';
import { updateMessages } from '../messages.ts';
import { newsPath, STAFF_SEGMENTS, staffNewsPath } from '../paths.ts';
import type { AboutOptions, UpdateView } from '../service.ts';
import { MAX_BODY_LENGTH, MAX_TITLE_LENGTH, type UpdateForm } from '../update-input.ts';

interface Area {
  slug: string;
  name: string;
}

export function StaffNewsListPage(props: {
  lang: Lang;
  area: Area;
  updates: UpdateView[];
  flash?: 'new' | 'edit' | 'deleted' | undefined;
  queued?: number | undefined;
}) {
  const { lang, area } = props;
  const t = messages(lang);
  const m = updateMessages(lang);
  const base = staffNewsPath(lang, area.slug);
  const flash = { new: m.savedNew, edit: m.savedEdit, deleted: m.deleted };
  return (
    <>
      <p class="eyebrow">
        <a href={`${langPrefix(lang)}/staff/${area.slug}`}>{t.lpo(area.name)}</a>
      </p>
      <h1>{m.staffHeading}</h1>
      {props.flash ? (
        <p class="update-saved" role="status">
          {flash[props.flash]}
          {props.queued ? ` ${m.mailQueued(props.queued)}` : ''}
        </p>
      ) : null}
      <p>{m.staffIntro}</p>
      <p>
        <a class="shift-action" href={`${base}/${STAFF_SEGMENTS[lang].new}`}>
          {m.writeNew}
        </a>
      </p>
      {props.updates.length === 0 ? (
        <p>{m.noNews}</p>
      ) : (
        <ul class="staff-news-list">
          {props.updates.map((u) => (
            <li key={u.id}>
              <span class="staff-news-title" lang={lang === 'sv' ? undefined : 'sv'}>
                {u.title}
              </span>
              <span class="meta">
                {formatDate(u.publishedOn, lang)}
                {u.commitment ? ` · ${u.commitment.title}` : ''}
                {u.district ? ` · ${u.district.name}` : ''}
              </span>
              <ul class="nav-list">
                <li>
                  <a href={`${base}/${u.id}`}>
                    {m.edit}
                    <span class="visually-hidden">: {u.title}</span>
                  </a>
                </li>
                <li>
                  <a href={`${base}/${u.id}/${STAFF_SEGMENTS[lang].remove}`}>
                    {m.remove}
                    <span class="visually-hidden">: {u.title}</span>
                  </a>
                </li>
                <li>
                  <a href={newsPath(lang, area.slug, u.id)}>
                    {m.viewPublic}
                    <span class="visually-hidden">: {u.title}</span>
                  </a>
                </li>
              </ul>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

export function UpdateFormPage(props: {
  lang: Lang;
  area: Area;
  about: AboutOptions;
  values: UpdateForm;
  csrfToken: string;
  /** New updates carry a submission id; an edit names the update instead. */
  submissionId?: string | undefined;
  editing?: { id: number; notify: boolean; mailEnabled: boolean } | undefined;
  preview?: SafeHtml | undefined;
  errors?: FieldErrors | undefined;
}) {
  const { lang, area, values } = props;
  const m = updateMessages(lang);
  const base = staffNewsPath(lang, area.slug);
  const action = props.editing ? `${base}/${props.editing.id}` : base;
  const options = [
    { value: '', label: m.aboutLpo },
    ...props.about.commitments.map((c) => ({ value: `c${c.id}`, label: m.commitmentOption(c.title) })),
    ...props.about.districts.map((d) => ({ value: `d${d.id}`, label: m.districtOption(d.name) })),
  ];
  return (
    <>
      <p class="eyebrow">
        <a href={base}>{m.staffHeading}</a>
      </p>
      <h1>{props.editing ? m.editHeading : m.newHeading}</h1>
      <ErrorSummary
        title={m.errorsTitle}
        errors={props.errors}
        labels={{ title: m.title, body: m.body, published_on: m.date, about: m.aboutField }}
      />
      {props.preview ? (
        <section aria-labelledby="preview-heading" class="update-preview">
          <h2 id="preview-heading">{m.previewHeading}</h2>
          <p class="update-preview-title">{values.title}</p>
          {/* SafeHtml from renderMarkdown only: text escaped, no raw HTML, no images, safe links. */}
          <div class="update-body" dangerouslySetInnerHTML={{ __html: props.preview }} />
        </section>
      ) : null}
      <form method="post" action={action}>
        <CsrfField token={props.csrfToken} />
        {props.submissionId ? <SubmissionField id={props.submissionId} /> : null}
        <TextField
          name="title"
          label={m.title}
          value={values.title}
          errors={props.errors}
          maxLength={MAX_TITLE_LENGTH}
          required
        />
        <TextArea
          name="body"
          label={m.body}
          hint={m.bodyHint}
          value={values.body}
          errors={props.errors}
          maxLength={MAX_BODY_LENGTH}
          rows={10}
        />
        <TextField
          name="published_on"
          label={m.date}
          type="date"
          value={values.published_on}
          errors={props.errors}
          required
        />
        <SelectField
          name="about"
          label={m.aboutField}
          hint={m.aboutHint}
          value={values.about}
          options={options}
          errors={props.errors}
        />
        {props.editing?.mailEnabled ? (
          <div class="form-field update-notify">
            <input type="checkbox" id="notify" name="notify" value="1" checked={props.editing.notify} />
            <label for="notify">{m.notify}</label>
          </div>
        ) : null}
        <div class="form-actions">
          <button type="submit" class="primary" name="intent" value="save">
            {props.editing ? m.saveChanges : m.publish}
          </button>
          <button type="submit" name="intent" value="preview">
            {m.preview}
          </button>
        </div>
      </form>
    </>
  );
}

export function RemoveUpdatePage(props: { lang: Lang; area: Area; update: UpdateView; csrfToken: string }) {
  const { lang, area, update } = props;
  const m = updateMessages(lang);
  const base = staffNewsPath(lang, area.slug);
  return (
    <>
      <p class="eyebrow">
        <a href={base}>{m.staffHeading}</a>
      </p>
      <h1>{m.removeHeading}</h1>
      <p>{m.removeText(update.title)}</p>
      <form method="post" action={`${base}/${update.id}/${STAFF_SEGMENTS[lang].remove}`}>
        <CsrfField token={props.csrfToken} />
        <button type="submit" class="primary">
          {m.removeConfirm}
        </button>
      </form>
      <p>
        <a href={base}>{m.cancel}</a>
      </p>
    </>
  );
}
