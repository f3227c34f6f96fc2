// The link from the public promise page to the LPO's public situation picture.
import type { Lang } from '../../../web/i18n.ts';
import { publicPicturePath } from '../filter.ts';
import { situationMessages } from '../messages.ts';

export function SituationLink(props: { lang: Lang; lpoSlug: string }) {
  return (
    <p class="situation-link">
      <a href={publicPicturePath(props.lang, props.lpoSlug)}>{situationMessages(props.lang).publicLink}</a>
    </p>
  );
}
