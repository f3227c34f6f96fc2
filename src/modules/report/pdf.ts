// The yearly follow-up report as a tagged PDF (pdfkit): the same sections and sentences as the web page,
// charts as vector bar charts, tables as text. DejaVu Sans is embedded (subset) because the built-in
// Helvetica has no glyphs for some characters the report uses (→, −).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import PDFDocument from 'pdfkit';
import { addDays, isoWeekKey, weekday } from '../../domain/iso-week.ts';
import type { ReportChart, ReportModel, ReportTarget, WorkGroup } from './model.ts';

const FONT_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fonts');
const REGULAR = path.join(FONT_DIR, 'DejaVuSans.ttf');
const BOLD = path.join(FONT_DIR, 'DejaVuSans-Bold.ttf');

const MARGIN = 56;
const TEXT_COLOR = '#1f2937';
const MUTED = '#4b5563';
const BAR = '#1d4ed8';
const GOAL = '#b45309';
const AXIS = '#6b7280';
const HEADING_SIZE = { 1: 22, 2: 15, 3: 12.5, 4: 11 } as const;
const BODY_SIZE = 10;

type Doc = PDFKit.PDFDocument;
type Struct = PDFKit.PDFStructureElement;

/** Renders the report; resolves with the whole PDF. */
export function renderReportPdf(report: ReportModel): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    bufferPages: true,
    tagged: true,
    pdfVersion: '1.7',
    lang: report.lang === 'sv' ? 'sv-SE' : 'en-GB',
    displayTitle: true,
    info: {
      Title: report.title,
      Author: report.eyebrow,
      Subject: report.statusLine,
      CreationDate: new Date(`${report.asOf}T12:00:00Z`),
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('regular', REGULAR);
  doc.registerFont('bold', BOLD);
  doc.font('regular').fontSize(BODY_SIZE).fillColor(TEXT_COLOR);

  const root = doc.struct('Document');
  doc.addStructure(root);
  const w = new Writer(doc, report);
  w.front(root);
  w.summary(root);
  w.commitments(root);
  w.work(root);
  w.dialogue(root);
  w.nextYear(root);
  root.end();
  w.pageNumbers();
  doc.end();
  return done;
}

/** Lays the model out section by section, each a tagged structure element. */
class Writer {
  /** Text quoted from the promise is Swedish on the English report too. */
  private readonly docLang: string | undefined;

  constructor(
    private readonly doc: Doc,
    private readonly report: ReportModel,
  ) {
    this.docLang = report.lang === 'sv' ? undefined : 'sv-SE';
  }

  front(root: Struct): void {
    const r = this.report;
    this.paragraph(root, r.eyebrow, { color: MUTED });
    this.heading(root, 1, r.heading);
    this.paragraph(root, r.statusLine, { bold: true });
    for (const line of r.metaLines) this.paragraph(root, line, { color: MUTED, gap: 2 });
    this.doc.moveDown(0.5);
    for (const notice of r.notices) this.paragraph(root, notice, { color: MUTED });
    this.paragraph(root, r.intro);
  }

  summary(root: Struct): void {
    const s = this.report.summary;
    const sect = this.section(root);
    this.heading(sect, 2, s.heading);
    this.paragraph(sect, s.sentence);
    if (s.rows.length === 0) return void sect.end();
    this.paragraph(sect, s.caption, { bold: true, gap: 4 });
    this.table(
      sect,
      s.columns,
      s.rows.map((row) => [row.commitment, row.target, row.status, row.outcome]),
      [110, 0, 70, 120],
    );
    sect.end();
  }

  commitments(root: Struct): void {
    const sect = this.section(root);
    this.heading(sect, 2, this.report.commitmentsHeading);
    for (const c of this.report.commitments) {
      const part = this.section(sect);
      this.heading(part, 3, c.title, this.docLang);
      for (const p of c.paragraphs) this.paragraph(part, p, { lang: this.docLang });
      if (c.noTarget) this.paragraph(part, c.noTarget);
      for (const target of c.targets) this.target(part, target);
      part.end();
    }
    sect.end();
  }

  private target(parent: Struct, target: ReportTarget): void {
    const { labels } = this.report;
    this.labelled(parent, labels.target, target.text, this.docLang);
    if (target.statusLabel) this.labelled(parent, labels.status, target.statusLabel);
    if (target.outcome) this.labelled(parent, labels.outcome, target.outcome);
    if (target.suppressed) this.paragraph(parent, target.suppressed);
    if (target.explanation) this.paragraph(parent, target.explanation);
    if (target.forecast) this.paragraph(parent, target.forecast, { color: MUTED });
    if (target.note) this.paragraph(parent, target.note, { color: MUTED });
    if (target.chart) this.chart(parent, target.chart, target.outcome ?? '');
  }

  work(root: Struct): void {
    const sect = this.section(root);
    this.heading(sect, 2, this.report.work.heading);
    for (const group of this.report.work.groups) this.workGroup(sect, group);
    sect.end();
  }

  private workGroup(parent: Struct, group: WorkGroup): void {
    const part = this.section(parent);
    this.heading(part, 3, group.heading);
    for (const f of group.figures) this.labelled(part, f.label, f.value);
    for (const note of group.notes) this.paragraph(part, note, { color: MUTED });
    part.end();
  }

  dialogue(root: Struct): void {
    const d = this.report.dialogue;
    const sect = this.section(root);
    this.heading(sect, 2, d.heading);
    for (const p of d.paragraphs) this.paragraph(sect, p);
    for (const list of d.lists) {
      this.paragraph(sect, list.caption, { bold: true, gap: 4 });
      this.table(
        sect,
        [],
        list.items.map((item) => [item.label, item.value]),
        [0, 110],
      );
    }
    sect.end();
  }

  nextYear(root: Struct): void {
    const n = this.report.nextYear;
    const sect = this.section(root);
    this.heading(sect, 2, n.heading);
    for (const p of n.paragraphs) this.paragraph(sect, p);
    if (n.changes.length > 0) {
      const list = this.doc.struct('L');
      sect.add(list);
      for (const line of n.changes) {
        list.add(this.doc.struct('LI', {}, () => this.body(`• ${line}`, { indent: 8 })));
      }
      list.end();
      this.doc.moveDown(0.5);
    }
    sect.end();
  }

  /** "Sida 2 av 5" at the foot of every page, marked as an artifact (not part of the text). */
  pageNumbers(): void {
    const doc = this.doc;
    const range = doc.bufferedPageRange();
    for (let i = 0; i < range.count; i++) {
      doc.switchToPage(range.start + i);
      const bottom = doc.page.margins.bottom;
      doc.page.margins.bottom = 0;
      doc.markContent('Artifact', { type: 'Pagination' });
      doc
        .font('regular')
        .fontSize(8)
        .fillColor(MUTED)
        .text(`${this.report.labels.page} ${i + 1} / ${range.count}`, MARGIN, doc.page.height - bottom / 2, {
          width: doc.page.width - 2 * MARGIN,
          align: 'right',
          lineBreak: false,
        });
      doc.endMarkedContent();
      doc.page.margins.bottom = bottom;
    }
  }

  private section(parent: Struct): Struct {
    const sect = this.doc.struct('Sect');
    parent.add(sect);
    return sect;
  }

  private heading(parent: Struct, level: 1 | 2 | 3 | 4, text: string, lang?: string): void {
    const doc = this.doc;
    // Keep a heading with what follows it rather than alone at the foot of a page.
    if (level > 1) this.ensureSpace(level === 2 ? 90 : 60);
    doc.moveDown(level === 2 ? 0.6 : 0.3);
    parent.add(
      doc.struct(`H${level}`, lang ? { lang } : {}, () => {
        doc.font('bold').fontSize(HEADING_SIZE[level]).fillColor(TEXT_COLOR).text(text, MARGIN);
      }),
    );
    doc.font('regular').fontSize(BODY_SIZE).moveDown(0.3);
  }

  private paragraph(
    parent: Struct,
    text: string,
    options: { bold?: boolean; color?: string; lang?: string | undefined; gap?: number } = {},
  ): void {
    const { lang } = options;
    parent.add(this.doc.struct('P', lang ? { lang } : {}, () => this.body(text, options)));
    this.doc.y += options.gap ?? 5;
  }

  /** "Mål: Under minst 40 …" as one paragraph, the label in bold. */
  private labelled(parent: Struct, label: string, value: string, lang?: string): void {
    const doc = this.doc;
    const p = doc.struct('P');
    parent.add(p);
    p.add(
      doc.struct('Span', {}, () => {
        doc.font('bold').fontSize(BODY_SIZE).fillColor(TEXT_COLOR).text(`${label}: `, MARGIN, doc.y, {
          continued: true,
        });
      }),
    );
    p.add(
      doc.struct('Span', lang ? { lang } : {}, () => {
        doc.font('regular').text(value);
      }),
    );
    p.end();
    doc.y += 3;
  }

  private body(text: string, options: { bold?: boolean; color?: string; indent?: number } = {}): void {
    this.doc
      .font(options.bold ? 'bold' : 'regular')
      .fontSize(BODY_SIZE)
      .fillColor(options.color ?? TEXT_COLOR)
      .text(text, MARGIN + (options.indent ?? 0), this.doc.y, {
        width: this.contentWidth - (options.indent ?? 0),
      });
    this.doc.fillColor(TEXT_COLOR);
  }

  /**
   * A table as text in columns, tagged as Table > TR > TH/TD; the first cell of each row is its header.
   * Laid out by hand: pdfkit's own table is accessible too but ten times slower for a year of weeks.
   */
  private table(parent: Struct, columns: string[], rows: string[][], widths: number[]): void {
    const doc = this.doc;
    const table = doc.struct('Table');
    parent.add(table);
    const free = this.contentWidth - widths.reduce((a, b) => a + b, 0);
    const columnWidths = widths.map((w) => (w === 0 ? free : w));
    if (columns.length > 0) this.tableRow(table, columns, columnWidths, true);
    for (const row of rows) this.tableRow(table, row, columnWidths, false);
    table.end();
    doc.x = MARGIN;
    doc.moveDown(0.8);
  }

  private tableRow(table: Struct, cells: string[], widths: number[], header: boolean): void {
    const doc = this.doc;
    const size = 8.5;
    const pad = 3;
    const heights = cells.map((text, i) => {
      doc.font(header || i === 0 ? 'bold' : 'regular').fontSize(size);
      return doc.heightOfString(text, { width: (widths[i] ?? 0) - 2 * pad });
    });
    const height = Math.max(...heights) + 2 * pad;
    this.ensureSpace(height);
    const top = doc.y;
    const row = doc.struct('TR');
    table.add(row);
    let x = MARGIN;
    for (const [i, text] of cells.entries()) {
      const width = widths[i] ?? 0;
      const left = x;
      row.add(
        doc.struct(header || i === 0 ? 'TH' : 'TD', {}, () => {
          doc
            .font(header || i === 0 ? 'bold' : 'regular')
            .fontSize(size)
            .fillColor(TEXT_COLOR)
            .text(text, left + pad, top + pad, { width: width - 2 * pad });
        }),
      );
      x += width;
    }
    row.end();
    doc.markContent('Artifact', { type: 'Layout' });
    doc
      .lineWidth(header ? 1 : 0.4)
      .strokeColor('#9ca3af')
      .moveTo(MARGIN, top + height)
      .lineTo(MARGIN + this.contentWidth, top + height)
      .stroke();
    doc.endMarkedContent();
    doc.font('regular').fontSize(BODY_SIZE);
    doc.x = MARGIN;
    doc.y = top + height;
  }

  private chart(parent: Struct, chart: ReportChart, outcome: string): void {
    // The heading, the chart and the first rows of its table together.
    this.ensureSpace(CHART_HEIGHT + 110);
    this.heading(parent, 4, chart.heading);
    const doc = this.doc;
    const top = doc.y;
    parent.add(
      doc.struct('Figure', { alt: `${chart.title}. ${outcome}` }, () =>
        drawBars(doc, chart, top, this.report),
      ),
    );
    doc.x = MARGIN;
    doc.y = top + CHART_HEIGHT + 28;
    this.paragraph(parent, chart.table.caption, { bold: true, gap: 4 });
    this.table(parent, chart.table.columns, chart.table.rows, [0, 110, 110]);
  }

  private ensureSpace(points: number): void {
    const doc = this.doc;
    if (doc.y + points > doc.page.height - doc.page.margins.bottom) doc.addPage();
  }

  private get contentWidth(): number {
    return this.doc.page.width - 2 * MARGIN;
  }
}

const CHART_HEIGHT = 130;
const MONTHS = {
  sv: ['jan', 'feb', 'mar', 'apr', 'maj', 'jun', 'jul', 'aug', 'sep', 'okt', 'nov', 'dec'],
  en: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'],
} as const;

/**
 * One bar per ISO week: the value at the week's end (the table's last column), over the whole period so
 * the empty weeks ahead show how much is left; the target as a dashed line.
 */
function drawBars(doc: Doc, chart: ReportChart, top: number, report: ReportModel): void {
  const { evaluation: ev, points } = chart;
  const left = MARGIN + 34;
  const right = doc.page.width - MARGIN - 50;
  const bottom = top + CHART_HEIGHT;
  const weeks = weekKeys(ev.period.from, ev.period.to);
  const slot = (right - left) / Math.max(1, weeks.length);
  const max = ev.unit === 'percent' ? 100 : Math.max(ev.goal, 1, ...points.map((p) => p.current));
  const y = (v: number) => bottom - (v / max) * CHART_HEIGHT;
  const format = (v: number) => (ev.unit === 'percent' ? `${v} %` : String(v));

  doc.save();
  doc.lineWidth(0.75).strokeColor(AXIS);
  doc.moveTo(left, top).lineTo(left, bottom).lineTo(right, bottom).stroke();
  doc.font('regular').fontSize(7.5).fillColor(MUTED);
  for (const v of [0, max]) {
    doc.text(format(v), MARGIN, y(v) - 4, { width: 30, align: 'right', lineBreak: false });
  }
  doc.fillColor(BAR);
  for (const p of points) {
    const i = weeks.indexOf(p.week);
    if (i < 0 || p.current <= 0) continue;
    doc.rect(left + i * slot + slot * 0.15, y(p.current), slot * 0.7, bottom - y(p.current)).fill();
  }
  doc.lineWidth(1.5).strokeColor(GOAL).dash(4, { space: 3 });
  doc.moveTo(left, y(ev.goal)).lineTo(right, y(ev.goal)).stroke().undash();
  doc.fillColor(GOAL).font('bold').fontSize(8);
  doc.text(`${report.labels.target} ${format(ev.goal)}`, right + 4, y(ev.goal) - 4, {
    width: 46,
    lineBreak: false,
  });
  doc.font('regular').fontSize(7.5).fillColor(MUTED);
  for (const [i, key] of weeks.entries()) {
    const month = monthStarting(ev.period, key);
    if (month === undefined) continue;
    doc.text(MONTHS[report.lang][month] ?? '', left + i * slot, bottom + 4, { lineBreak: false });
  }
  doc.restore();
}

/** The ISO week keys of every week the period touches. */
function weekKeys(from: string, to: string): string[] {
  const keys: string[] = [];
  for (let start = from; start <= to; start = addDays(start, 8 - weekday(start)))
    keys.push(isoWeekKey(start));
  return keys;
}

/** The quarter's first month (0, 3, 6, 9) whose first day falls in this week, for the axis labels. */
function monthStarting(period: { from: string; to: string }, week: string): number | undefined {
  // An ISO year starts in late December: 2026's runs 2025-12-29 to 2027-01-03, so look at every year.
  for (let year = Number(period.from.slice(0, 4)); year <= Number(period.to.slice(0, 4)); year++) {
    for (const month of [0, 3, 6, 9]) {
      const first = `${year}-${String(month + 1).padStart(2, '0')}-01`;
      if (first >= period.from && first <= period.to && isoWeekKey(first) === week) return month;
    }
  }
  return undefined;
}
