// The invitation to give input, for other modules' public pages (the promise page).
import type { Lang } from '../../../web/i18n.ts';
import { dialogueMessages } from '../messages.ts';
import { formPath, resultsPath } from '../paths.ts';

export function TellUsLink({ lang, lpoSlug }: { lang: Lang; lpoSlug: string }) {
  const m = dialogueMessages(lang);
  return (
    <p class="dialogue-invite">
      <a href={formPath(lang, `lpo=${encodeURIComponent(lpoSlug)}`)}>{m.formTitle}</a>
      {' · '}
      <a href={resultsPath(lang, lpoSlug)}>{m.seeResults}</a>
    </p>
  );
}
