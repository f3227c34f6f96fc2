import { ROLES } from '../../../domain/permissions.ts';
import {
  CsrfField,
  ErrorSummary,
  type FieldErrors,
  SelectField,
  TextField,
} from '../../../web/components/form.tsx';
import { type Lang, langPrefix, messages } from '../../../web/i18n.ts';
import type { MemberRow } from '../service.ts';

export function UsersPage(props: {
  lang: Lang;
  area: { slug: string; name: string };
  members: MemberRow[];
  csrf: string;
  errors: FieldErrors | undefined;
  values: { email?: string; name?: string; role?: string };
}) {
  const t = messages(props.lang);
  const action = `${langPrefix(props.lang)}/staff/${props.area.slug}/personal`;
  return (
    <>
      <p class="eyebrow">
        <a href={`${langPrefix(props.lang)}/staff/${props.area.slug}`}>{t.lpo(props.area.name)}</a>
      </p>
      <h1>{t.section.personal}</h1>
      <ErrorSummary
        title={t.formErrors}
        errors={props.errors}
        labels={{
          email: t.email,
          name: t.displayName,
          role: t.roleNames,
          password: t.password,
          disable: t.disable,
        }}
      />
      <div class="table-scroll">
        <table>
          <caption>{t.members}</caption>
          <thead>
            <tr>
              <th scope="col">{t.displayName}</th>
              <th scope="col">{t.email}</th>
              <th scope="col">{t.roleNames}</th>
              <th scope="col">{t.disable}</th>
            </tr>
          </thead>
          <tbody>
            {props.members.map((m) => (
              <tr key={m.id}>
                <th scope="row">{m.displayName}</th>
                <td>{m.email}</td>
                <td>{m.roles.map((r) => t.role[r]).join(', ')}</td>
                <td>
                  {m.disabled ? (
                    t.disabled
                  ) : (
                    <form method="post" action={`${action}/avaktivera`}>
                      <CsrfField token={props.csrf} />
                      <input type="hidden" name="email" value={m.email} />
                      <button type="submit">
                        {t.disable}
                        <span class="visually-hidden">: {m.displayName}</span>
                      </button>
                    </form>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2>{t.addMember}</h2>
      <p>{t.addMemberHint}</p>
      <form method="post" action={action}>
        <CsrfField token={props.csrf} />
        <TextField
          name="email"
          label={t.email}
          type="email"
          value={props.values.email}
          errors={props.errors}
          required
        />
        <TextField name="name" label={t.displayName} value={props.values.name} errors={props.errors} />
        <SelectField
          name="role"
          label={t.roleLabel}
          value={props.values.role}
          errors={props.errors}
          options={[
            { value: '', label: t.chooseRole },
            ...ROLES.map((r) => ({ value: r, label: t.role[r] })),
          ]}
        />
        <TextField
          name="password"
          label={t.initialPassword}
          type="password"
          autocomplete="new-password"
          errors={props.errors}
        />
        <button type="submit" class="primary">
          {t.addMember}
        </button>
      </form>
    </>
  );
}
