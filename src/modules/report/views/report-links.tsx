// The yearly report's links, for the public promise page: the PDF to download and the web version.
import type { Lang } from '../../../web/i18n.ts';
import { reportMessages } from '../messages.ts';
import { reportPath } from '../paths.ts';

export function ReportLinks({ lang, lpoSlug, year }: { lang: Lang; lpoSlug: string; year: number }) {
  const r = reportMessages(lang);
  return (
    <p class="report-links">
      <a href={reportPath(lang, lpoSlug, year, 'pdf')} download>
        {r.linkFromPromise(year)}
      </a>
      <a href={reportPath(lang, lpoSlug, year)}>{r.linkFromPromiseHtml(year)}</a>
    </p>
  );
}
