// `medborgarlofte report`: writes the same yearly report the web serves, as a PDF or an HTML file.
import { writeFile } from 'node:fs/promises';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/types.ts';
import type { Lang } from '../../domain/target-text.ts';
import type { AreasService } from '../areas/service.ts';
import { createDialogueService } from '../dialogue/service.ts';
import type { PromisesService } from '../promises/service.ts';
import { renderReportPdf } from './pdf.ts';
import { renderReportHtml } from './routes.tsx';
import { createReportService } from './service.ts';

export interface ReportCommand {
  lpo: string;
  year: string;
  out: string;
  lang: Lang;
  format: 'pdf' | 'html';
}

export interface ReportRuntime {
  db: Kysely<Database>;
  services: { areas: AreasService; promises: PromisesService };
}

/** Writes the report file and says what it wrote; throws an Error naming what exists when it cannot. */
export async function writeReportFile(
  runtime: ReportRuntime,
  suppressionThreshold: number,
  command: ReportCommand,
): Promise<string> {
  if (!/^\d{4}$/.test(command.year)) {
    throw new Error(`--year must be a year such as 2026, not "${command.year}"`);
  }
  const { areas, promises } = runtime.services;
  const dialogue = createDialogueService(runtime.db, {
    areas,
    promises,
    clock: () => new Date(),
    // Reading only: nothing cached to drop.
    onChange: () => {},
  });
  const reports = createReportService({ areas, promises, dialogue, suppressionThreshold });
  const result = await reports.build(command.lpo, Number(command.year), command.lang);
  if (!result.ok && result.reason === 'unknown_lpo') {
    const known = result.lpos.length > 0 ? result.lpos.join(', ') : 'none';
    throw new Error(`unknown local police area "${command.lpo}"; with a published promise: ${known}`);
  }
  if (!result.ok) {
    const years = result.years.length > 0 ? result.years.join(', ') : 'none';
    throw new Error(
      `${result.lpoName} has no published promise for ${command.year}; published years: ${years}`,
    );
  }
  const body =
    command.format === 'pdf' ? await renderReportPdf(result.report) : renderReportHtml(result.report);
  await writeFile(command.out, body);
  const kind = result.report.final ? 'final' : 'so far';
  return `Wrote the ${command.format.toUpperCase()} report of ${result.report.lpoName} for ${result.report.year} (${kind}, ${command.lang}) to ${command.out}.`;
}
