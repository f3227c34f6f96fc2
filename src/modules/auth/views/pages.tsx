import type { Action } from '../../../domain/permissions.ts';
import { CsrfField, ErrorSummary, type FieldErrors, TextField } from '../../../web/components/form.tsx';
import { type Lang, langPrefix, messages } from '../../../web/i18n.ts';
import { may, type StaffUser } from '../service.ts';

export function LoginPage(props: { lang: Lang; csrf: string; next: string; email?: string; error?: string }) {
  const t = messages(props.lang);
  return (
    <>
      <h1>{t.signInHeading}</h1>
      {props.error ? (
        <p class="error-summary" role="alert">
          {props.error}
        </p>
      ) : null}
      <form method="post" action={`${langPrefix(props.lang)}/staff/login`}>
        <CsrfField token={props.csrf} />
        <input type="hidden" name="next" value={props.next} />
        <TextField
          name="email"
          label={t.email}
          type="email"
          autocomplete="username"
          value={props.email}
          required
        />
        <TextField
          name="password"
          label={t.password}
          type="password"
          autocomplete="current-password"
          required
        />
        <button type="submit" class="primary">
          {t.signIn}
        </button>
      </form>
    </>
  );
}

export function SecondFactorPage(props: { lang: Lang; csrf: string; next: string; errors?: FieldErrors }) {
  const t = messages(props.lang);
  return (
    <>
      <h1>{t.secondFactorHeading}</h1>
      <p>{t.secondFactorIntro}</p>
      <CodeForm {...props} step="code" button={t.signIn} />
    </>
  );
}

/** The one-time code form, at sign-in and when confirming the set-up. */
function CodeForm(props: {
  lang: Lang;
  csrf: string;
  next: string;
  errors?: FieldErrors;
  step: 'code' | 'setup';
  button: string;
}) {
  const t = messages(props.lang);
  return (
    <form method="post" action={`${langPrefix(props.lang)}/staff/login/${props.step}`}>
      <CsrfField token={props.csrf} />
      <input type="hidden" name="next" value={props.next} />
      <TextField
        name="code"
        label={t.secondFactorCode}
        inputmode="numeric"
        autocomplete="one-time-code"
        maxLength={6}
        errors={props.errors}
        required
      />
      <button type="submit" class="primary">
        {props.button}
      </button>
    </form>
  );
}

export function TotpSetupPage(props: {
  lang: Lang;
  csrf: string;
  next: string;
  secret: string;
  uri: string;
  /** The link as a QR code image to scan with the authenticator app. */
  qrCode: string;
  errors?: FieldErrors;
}) {
  const t = messages(props.lang);
  return (
    <>
      <h1>{t.setupHeading}</h1>
      <p>{t.setupIntro}</p>
      <img class="qr-code" src={props.qrCode} alt={t.setupQrAlt} width={200} height={200} />
      <dl>
        <dt>{t.setupKey}</dt>
        <dd>
          <code class="secret">{props.secret.replace(/(.{4})/g, '$1 ').trim()}</code>
        </dd>
        <dt>{t.setupUri}</dt>
        <dd>
          <a href={props.uri}>{t.setupOpenInApp}</a>
        </dd>
      </dl>
      <CodeForm {...props} step="setup" button={t.confirm} />
    </>
  );
}

export function StaffHomePage(props: { lang: Lang; user: StaffUser; csrf: string }) {
  const t = messages(props.lang);
  const prefix = langPrefix(props.lang);
  const byArea = new Map<string, { name: string; roles: string[] }>();
  for (const m of props.user.memberships) {
    const entry = byArea.get(m.slug) ?? { name: m.name, roles: [] };
    entry.roles.push(t.role[m.role]);
    byArea.set(m.slug, entry);
  }
  return (
    <>
      <h1>{t.staffHome}</h1>
      <h2>{t.yourAreas}</h2>
      {byArea.size === 0 ? (
        <p>{t.noMemberships}</p>
      ) : (
        <ul class="area-list">
          {[...byArea].map(([slug, area]) => (
            <li key={slug}>
              <h3>
                <a href={`${prefix}/staff/${slug}`}>{t.lpo(area.name)}</a>
              </h3>
              <p class="meta">
                {t.roleNames}: {area.roles.join(', ')}
              </p>
            </li>
          ))}
        </ul>
      )}
      <p>
        <a href={`${prefix}/staff/losenord`}>{t.changePassword}</a>
      </p>
      <form method="post" action={`${prefix}/staff/logout-everywhere`}>
        <CsrfField token={props.csrf} />
        <button type="submit">{t.signOutEverywhere}</button>
      </form>
    </>
  );
}

export function ForbiddenPage({ lang }: { lang: Lang }) {
  const t = messages(lang);
  return (
    <>
      <h1>{t.forbiddenTitle}</h1>
      <p>{t.forbiddenText}</p>
      <p>
        <a href={`${langPrefix(lang)}/staff`}>{t.staffHome}</a>
      </p>
    </>
  );
}

/** Where each staff section lives under /staff/<lpo>/, and what a role needs to see it. */
export const STAFF_SECTIONS = [
  { path: 'lagesbild', en: 'situation', action: 'situation.read' },
  { path: 'helginsats', action: 'shift.read' },
  { path: 'trygghetsvandringar', action: 'walk.read' },
  { path: 'islandsmodellen', action: 'iceland.read' },
  { path: 'lofte', action: 'promise.edit' },
  { path: 'nyheter', en: 'updates', action: 'update.publish' },
  { path: 'tyck-till', en: 'tell-us', action: 'dialogue.moderate' },
  { path: 'logg', action: 'audit.read' },
  { path: 'personal', action: 'user.manage' },
] as const satisfies readonly {
  path: string;
  action: Action;
  /** The English path, where it is not the Swedish one. */
  en?: string;
}[];

export function StaffAreaPage(props: {
  lang: Lang;
  user: StaffUser;
  area: { id: number; slug: string; name: string };
}) {
  const t = messages(props.lang);
  const prefix = `${langPrefix(props.lang)}/staff/${props.area.slug}`;
  const sections = STAFF_SECTIONS.filter((s) => may(props.user, props.area.id, s.action));
  return (
    <>
      <p class="eyebrow">
        <a href={`${langPrefix(props.lang)}/staff`}>{t.staffHome}</a>
      </p>
      <h1>{t.lpo(props.area.name)}</h1>
      <ul class="area-list">
        {sections.map((s) => (
          <li key={s.path}>
            <h2>
              <a href={`${prefix}/${props.lang === 'en' && 'en' in s ? s.en : s.path}`}>
                {t.section[s.path]}
              </a>
            </h2>
          </li>
        ))}
      </ul>
    </>
  );
}

export function PasswordPage(props: { lang: Lang; csrf: string; errors?: FieldErrors }) {
  const t = messages(props.lang);
  return (
    <>
      <h1>{t.changePassword}</h1>
      <ErrorSummary
        title={t.formErrors}
        errors={props.errors}
        labels={{ current: t.currentPassword, password: t.newPassword, repeat: t.repeatPassword }}
      />
      <form method="post" action={`${langPrefix(props.lang)}/staff/losenord`}>
        <CsrfField token={props.csrf} />
        <TextField
          name="current"
          label={t.currentPassword}
          type="password"
          autocomplete="current-password"
          errors={props.errors}
          required
        />
        <TextField
          name="password"
          label={t.newPassword}
          type="password"
          autocomplete="new-password"
          errors={props.errors}
          required
        />
        <TextField
          name="repeat"
          label={t.repeatPassword}
          type="password"
          autocomplete="new-password"
          errors={props.errors}
          required
        />
        <button type="submit" class="primary">
          {t.changePassword}
        </button>
      </form>
    </>
  );
}
