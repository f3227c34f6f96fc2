// The yearly follow-up report as a citizen gets it: the web page and the PDF say the same (the same sentences
// from the same model), plainly what was promised and what was done; small counts stay hidden; the CLI
// writes the same report. Today is 25 November 2026: 2026 is reported "so far", 2025 is final.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { extractText, getDocumentProxy, getMeta } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Lang } from '../src/domain/target-text.ts';
import { writeReportFile } from '../src/modules/report/cli.ts';
import { reportMessages } from '../src/modules/report/messages.ts';
import type { ReportModel } from '../src/modules/report/model.ts';
import { commitmentChanges, createReportService } from '../src/modules/report/service.ts';
import { createTestApp, type TestApp } from './helpers/app.ts';

let t: TestApp;
let dir: string;
let globenId = 0;

beforeAll(async () => {
  t = await createTestApp();
  dir = mkdtempSync(path.join(tmpdir(), 'mbl-report-'));
  // Farsta gets Globen's promise and only three decided Iceland-model cases: too few to show a share.
  const doc = JSON.parse(readFileSync('seed/promises/globen-2026.json', 'utf8'));
  await t.app.services.promises.importPromise({ ...doc, lpo: 'farsta' });
  globenId = (await t.app.services.areas.findPoliceArea('globen'))?.id ?? 0;
  const farsta = await t.app.services.areas.findPoliceArea('farsta');
  if (!farsta) throw new Error('no Farsta');
  await t.database.db
    .insertInto('iceland_yearly')
    .values({ police_area_id: farsta.id, year: 2026, cases: 3, applied: 3 })
    .execute();
  t.app.services.promises.invalidate();
});
afterAll(async () => {
  await t.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Text as a reader sees it: one space for any run of white space (line breaks, non-breaking spaces). */
function normalize(text: string): string {
  return text.replace(/[\s\u00a0\u202f]+/g, ' ').trim();
}

function htmlText(html: string): string {
  const body = html.slice(html.indexOf('<main'));
  return normalize(
    body
      .replace(/<[^>]+>/g, ' ')
      .replaceAll('&lt;', '<')
      .replaceAll('&gt;', '>')
      .replaceAll('&quot;', '"')
      .replaceAll('&#39;', "'")
      .replaceAll('&amp;', '&'),
  );
}

async function pdfText(bytes: Buffer): Promise<string> {
  const pdf = await getDocumentProxy(new Uint8Array(bytes));
  const { text } = await extractText(pdf, { mergePages: true });
  return normalize(text);
}

async function model(slug: string, year: number, lang: Lang): Promise<ReportModel> {
  const reports = createReportService({
    promises: t.app.services.promises,
    areas: t.app.services.areas,
    dialogue: t.app.services.dialogue,
    suppressionThreshold: 5,
  });
  const result = await reports.build(slug, year, lang);
  if (!result.ok) throw new Error(`no report for ${slug} ${year}`);
  return result.report;
}

async function both(url: string): Promise<{ html: string; pdf: string; pdfBytes: Buffer }> {
  const page = await t.app.inject(url);
  expect(page.statusCode, url).toBe(200);
  const download = await t.app.inject(`${url}.pdf`);
  expect(download.statusCode, `${url}.pdf`).toBe(200);
  return {
    html: htmlText(page.body),
    pdf: await pdfText(download.rawPayload),
    pdfBytes: download.rawPayload,
  };
}

/** Every sentence and figure of the model a reader should find, in both renderings. */
function sentencesOf(report: ReportModel): string[] {
  const lines = [
    report.heading,
    report.statusLine,
    ...report.metaLines,
    report.intro,
    report.summary.sentence,
  ];
  for (const c of report.commitments) {
    lines.push(c.title);
    for (const tp of c.targets) {
      lines.push(tp.text);
      for (const line of [tp.statusLabel, tp.outcome, tp.explanation, tp.forecast, tp.suppressed]) {
        if (line) lines.push(line);
      }
    }
  }
  for (const group of report.work.groups) {
    lines.push(group.heading, ...group.notes);
    for (const f of group.figures) lines.push(f.label, f.value);
  }
  lines.push(report.dialogue.heading, ...report.dialogue.paragraphs);
  for (const list of report.dialogue.lists) {
    lines.push(list.caption);
    for (const item of list.items) lines.push(item.label, item.value);
  }
  lines.push(report.nextYear.heading, ...report.nextYear.paragraphs, ...report.nextYear.changes);
  return lines.map(normalize);
}

describe('the report of the running year (Globen 2026)', () => {
  let sv: { html: string; pdf: string; pdfBytes: Buffer };
  let report: ReportModel;

  beforeAll(async () => {
    sv = await both('/lpo/globen/2026/rapport');
    report = await model('globen', 2026, 'sv');
  });

  it('says in both the web page and the PDF every sentence and figure of the report', () => {
    const missing = (text: string) => sentencesOf(report).filter((line) => !text.includes(line));
    expect(missing(sv.html), 'missing from the HTML').toEqual([]);
    expect(missing(sv.pdf), 'missing from the PDF').toEqual([]);
  });

  it('is "so far" as of today, and states each target, its status and outcome as the promise page does', async () => {
    expect(sv.pdf).toContain('Hittills, per 25 november 2026');
    expect(sv.html).toContain('Hittills, per 25 november 2026');
    const api = await t.app.inject('/api/v1/lpos/globen/promises/2026');
    const promise = api.json() as {
      commitments: {
        title: string;
        targets: { target: { text: string }; evaluation: { statusLabel: string } }[];
      }[];
    };
    for (const c of promise.commitments) {
      const target = c.targets[0];
      if (!target) continue;
      for (const text of [c.title, target.target.text, target.evaluation.statusLabel]) {
        expect(sv.html).toContain(normalize(text));
        expect(sv.pdf).toContain(normalize(text));
      }
    }
    const helginsats = report.commitments.find((c) => c.key === 'helginsats')?.targets[0];
    expect(helginsats?.outcome).toMatch(/^\d+ av 40 veckor$/);
    expect(sv.pdf).toContain(`Utfall: ${helginsats?.outcome}`);
  });

  it('gives the work done with the figures the public summaries have', async () => {
    const progress = await t.app.services.promises.progress('globen', 2026);
    const weekend = progress?.commitments.find((c) => c.weekend)?.weekend;
    const walks = progress?.commitments.find((c) => c.safetyWalks)?.safetyWalks;
    const staffed = progress?.commitments.find((c) => c.commitment.key === 'helginsats')?.targets[0]
      ?.evaluation;
    expect(weekend && walks && staffed).toBeTruthy();
    const inspected = normalize((weekend?.premisesInspected ?? 0).toLocaleString('sv-SE'));
    // The PDF writes "Pass: 90" where the page's figure list has "Pass" over "90".
    for (const text of [sv.html, sv.pdf]) {
      expect(text).toMatch(new RegExp(`Pass:? ${weekend?.shifts} `));
      expect(text).toMatch(new RegExp(`Bemannade veckor:? ${staffed?.current} av 53 ISO-veckor`));
      expect(text).toMatch(new RegExp(`Krogtillsyner:? ${inspected} `));
      expect(text).toMatch(new RegExp(`Genomförda trygghetsvandringar:? ${walks?.done} `));
      expect(text).toMatch(new RegExp(`Åtgärdade iakttagelser:? ${walks?.fixed} `));
      expect(text).toMatch(/Andel ärenden där Islandsmodellen tillämpades:? \d+(,\d)? % av \d+ ärenden/);
    }
  });

  it('says what citizens told us, counted together, and that there is no promise for next year yet', async () => {
    const summary = await t.app.services.dialogue.summary(
      globenId,
      {
        from: '2026-01-01',
        to: '2026-12-31',
      },
      5,
    );
    expect(summary.total.value).toBeGreaterThan(0);
    for (const text of [sv.html, sv.pdf]) {
      expect(text).toContain(`Antal svar: ${summary.total.value}.`);
      expect(text).toContain('Vad som gör att det känns otryggt.');
      expect(text).toContain('Inget löfte för 2027 ännu.');
    }
  });

  it('is a valid, tagged PDF with its title and language', async () => {
    expect(sv.pdfBytes.subarray(0, 8).toString('latin1')).toBe('%PDF-1.7');
    const pdf = await getDocumentProxy(new Uint8Array(sv.pdfBytes));
    const { info } = await getMeta(pdf);
    expect(info.Title).toBe('Årsrapport 2026 – Lokalpolisområde Globen');
    expect(info.Language).toBe('sv-SE');
    expect(await pdf.getMarkInfo()).toMatchObject({ Marked: true });
    const tree = await (await pdf.getPage(1)).getStructTree();
    expect(JSON.stringify(tree)).toContain('"role":"H1"');
  });

  it('is downloaded as a file with a sensible name, and revalidated with its ETag', async () => {
    const res = await t.app.inject('/lpo/globen/2026/rapport.pdf');
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toBe('attachment; filename="arsrapport-globen-2026.pdf"');
    const again = await t.app.inject({
      url: '/lpo/globen/2026/rapport.pdf',
      headers: { 'if-none-match': String(res.headers.etag) },
    });
    expect(again.statusCode).toBe(304);
  });

  it('is linked from the web page and from the promise page', async () => {
    const page = await t.app.inject('/lpo/globen/2026/rapport');
    expect(page.body).toContain('href="/lpo/globen/2026/rapport.pdf"');
    const promise = await t.app.inject('/lpo/globen/2026');
    expect(promise.body).toContain(
      '<a href="/lpo/globen/2026/rapport.pdf" download>Årsrapport 2026 (PDF)</a>',
    );
    const en = await t.app.inject('/en/lpo/globen/2026');
    expect(en.body).toContain('href="/en/lpo/globen/2026/report.pdf"');
  });
});

describe('the English report', () => {
  it('says the same in English on the page and in the PDF', async () => {
    const en = await both('/en/lpo/globen/2026/report');
    const report = await model('globen', 2026, 'en');
    expect(sentencesOf(report).filter((line) => !en.pdf.includes(line))).toEqual([]);
    expect(sentencesOf(report).filter((line) => !en.html.includes(line))).toEqual([]);
    expect(en.pdf).toContain('So far, as of 25 November 2026');
    expect(en.pdf).toMatch(/Status: (Achieved|On track|At risk|Missed)/);
    const pdf = await getDocumentProxy(new Uint8Array(en.pdfBytes));
    const { info } = await getMeta(pdf);
    expect(info.Title).toBe('Annual report 2026 – Local police area Globen');
    expect(info.Language).toBe('en-GB');
    const res = await t.app.inject('/en/lpo/globen/2026/report.pdf');
    expect(res.headers['content-disposition']).toBe('attachment; filename="annual-report-globen-2026.pdf"');
  });
});

describe('a past year', () => {
  it('is final, and says the next year keeps the same commitments', async () => {
    const past = await both('/lpo/globen/2025/rapport');
    for (const text of [past.html, past.pdf]) {
      expect(text).toContain('Slutlig rapport för 1 januari 2025 – 31 december 2025');
      expect(text).not.toContain('Hittills, per');
      expect(text).toContain('Löftet för 2026 är publicerat.');
      expect(text).toContain('Åtagandena och målen är desamma.');
    }
  });
});

describe('small numbers', () => {
  it('hides the Iceland-model share with fewer than 5 cases, in the page and the PDF alike', async () => {
    const farsta = await both('/lpo/farsta/2026/rapport');
    const hidden = normalize(reportMessages('sv').suppressed(5));
    for (const text of [farsta.html, farsta.pdf]) {
      expect(text).toContain(hidden);
      expect(text).not.toContain('Andel ärenden där Islandsmodellen tillämpades');
      expect(text).not.toContain('av 3 ärenden');
      expect(text).toContain('1 visas inte (för få ärenden)');
      // Farsta has no input: zero is under the threshold too, so the count is hidden like any small one.
      expect(text).toContain('Antal svar: färre än 5.');
    }
  });
});

describe('what changes next year', () => {
  it('describes next year target by target once it is published, and never a draft', async () => {
    const doc = JSON.parse(readFileSync('seed/promises/globen-2026.json', 'utf8'));
    const next = structuredClone(doc);
    // Farsta's 2026 is Globen's text; its 2027 is kept away from Globen's years, which other tests name.
    Object.assign(next, { lpo: 'farsta', year: 2027, validFrom: '2027-01-01', validTo: '2027-12-31' });
    next.commitments[0].targets[0].text = 'Under minst 42 av årets 52 veckor bemanna vår helginsats.';
    next.commitments[0].targets[0].minIntervals = 42;
    next.commitments.splice(2, 1);
    await t.app.services.promises.importPromise(next, 'draft');
    const whileDraft = await both('/lpo/farsta/2026/rapport');
    for (const text of [whileDraft.html, whileDraft.pdf]) {
      expect(text).toContain(normalize(reportMessages('sv').noNext(2027)));
      expect(text).not.toContain('Under minst 42 av årets 52 veckor');
    }
    await t.app.services.promises.importPromise(next, 'published');
    const report = await both('/lpo/farsta/2026/rapport');
    for (const text of [report.html, report.pdf]) {
      expect(text).toContain(normalize(reportMessages('sv').nextPublished(2027)));
      expect(text).toContain(
        'Målet för ”Insatser för att öka tryggheten – helginsatsen” ändras från ”Under minst 40 av årets 52 veckor bemanna vår helginsats.” till ”Under minst 42 av årets 52 veckor bemanna vår helginsats.”.',
      );
      expect(text).toContain('Åtagandet ”Trygghetsvandringar” finns inte med.');
    }
  });

  it('names new commitments and changed terms of a target', () => {
    const doc = JSON.parse(readFileSync('seed/promises/globen-2026.json', 'utf8'));
    const after = structuredClone(doc.commitments);
    after[2].targets[0].value = 4;
    after.push({ ...after[0], key: 'ny', title: 'Ny satsning' });
    expect(commitmentChanges(doc.commitments, after, reportMessages('sv'))).toEqual([
      'Villkoren för målet i ”Trygghetsvandringar” ändras: value: 3 → 4.',
      'Nytt åtagande: ”Ny satsning”.',
    ]);
  });
});

describe('a year or LPO without a report', () => {
  it('is a 404 page naming the years there are', async () => {
    for (const url of [
      '/lpo/globen/2024/rapport',
      '/lpo/globen/2024/rapport.pdf',
      '/en/lpo/globen/2024/report',
    ]) {
      const res = await t.app.inject(url);
      expect(res.statusCode, url).toBe(404);
      expect(res.headers['content-type']).toContain('text/html');
    }
    const res = await t.app.inject('/lpo/globen/2024/rapport');
    expect(res.body).toContain('href="/lpo/globen/2026/rapport"');
    expect((await t.app.inject('/lpo/ingenstans/2026/rapport.pdf')).statusCode).toBe(404);
    expect((await t.app.inject('/lpo/globen/20x6/rapport')).statusCode).toBe(404);
  });

  it('makes the CLI fail with a message naming what exists', async () => {
    const runtime = { db: t.database.db, services: t.app.services };
    const out = path.join(dir, 'x.pdf');
    const command = { lpo: 'globen', year: '2024', out, lang: 'sv' as const, format: 'pdf' as const };
    await expect(writeReportFile(runtime, 5, command)).rejects.toThrow(
      'Globen has no published promise for 2024; published years: 2026, 2025',
    );
    await expect(writeReportFile(runtime, 5, { ...command, lpo: 'ingenstans' })).rejects.toThrow(
      'unknown local police area "ingenstans"; with a published promise: farsta, globen',
    );
  });
});

describe('medborgarlofte report', () => {
  it('writes the PDF and the HTML that the web serves', async () => {
    const runtime = { db: t.database.db, services: t.app.services };
    const pdfFile = path.join(dir, 'report.pdf');
    const message = await writeReportFile(runtime, 5, {
      lpo: 'globen',
      year: '2026',
      out: pdfFile,
      lang: 'sv',
      format: 'pdf',
    });
    expect(message).toBe(`Wrote the PDF report of Globen for 2026 (so far, sv) to ${pdfFile}.`);
    const text = await pdfText(readFileSync(pdfFile));
    expect(text).toContain('Årsrapport 2026');
    const htmlFile = path.join(dir, 'report.html');
    await writeReportFile(runtime, 5, {
      lpo: 'globen',
      year: '2026',
      out: htmlFile,
      lang: 'en',
      format: 'html',
    });
    expect(readFileSync(htmlFile, 'utf8')).toBe((await t.app.inject('/en/lpo/globen/2026/report')).body);
  });
});

// A child process needs a database it can open too: the server's (PGlite lives inside this process).
if (process.env.TEST_DATABASE_URL) {
  describe('medborgarlofte report as a command', () => {
    it('exits with 1 and names the published years', async () => {
      const env = { ...process.env, DATA_DIR: path.join(dir, 'data'), DATABASE_URL: t.database.url };
      const args = ['report', '--lpo', 'globen', '--year', '2024', '--out', path.join(dir, 'x.pdf')];
      const failed = await promisify(execFile)(process.execPath, ['bin/medborgarlofte.js', ...args], {
        env,
      }).then(
        () => ({ code: 0, stderr: '' }),
        (error: { code: number; stderr: string }) => error,
      );
      expect(failed.code).toBe(1);
      expect(failed.stderr).toContain(
        'Error: Globen has no published promise for 2024; published years: 2026, 2025',
      );
    }, 60_000);
  });
}
