// The yearly follow-up report as plain data, in one language. Every sentence a reader sees is already
// written here, so the HTML page and the PDF cannot drift apart: both only lay this object out.
import type { Lang } from '../../domain/target-text.ts';
import type { Evaluation, TargetStatus } from '../../domain/targets.ts';
import type { WeekPoint } from '../../domain/weekly-series.ts';

export interface ReportModel {
  lang: Lang;
  lpoSlug: string;
  lpoName: string;
  year: number;
  /** "Årsrapport 2026 – Lokalpolisområde Globen": the document title (HTML <title>, PDF metadata). */
  title: string;
  /** "Lokalpolisområde Globen". */
  eyebrow: string;
  /** "Årsrapport 2026". */
  heading: string;
  /** False while the year is still running: the report then says how far it has come. */
  final: boolean;
  /** "Hittills, per 25 november 2026" or "Slutlig rapport för 1 januari – 31 december 2025". */
  statusLine: string;
  /** The promise followed up, its period, and when this was compiled. */
  metaLines: string[];
  /** What the report is for, in plain words. */
  intro: string;
  /** Generated demo work or a demo promise: said at the top, as on the promise page. */
  notices: string[];
  /** The date the figures are taken at (today, or the end of the period), ISO. */
  asOf: string;
  summary: ReportSummary;
  commitmentsHeading: string;
  commitments: ReportCommitment[];
  work: ReportSection<WorkGroup>;
  dialogue: DialogueSection;
  nextYear: NextYearSection;
  labels: ReportLabels;
}

export interface ReportSection<T> {
  heading: string;
  groups: T[];
}

export interface ReportSummary {
  heading: string;
  /** "Läget för de 3 målen: 1 uppnått, 2 i fas." */
  sentence: string;
  caption: string;
  columns: [string, string, string, string];
  rows: { commitment: string; target: string; status: string; outcome: string }[];
}

export interface ReportCommitment {
  key: string;
  title: string;
  /** The commitment's own text, paragraph by paragraph (Swedish: the promise is written in Swedish). */
  paragraphs: string[];
  /** Set when the commitment has no measurable target. */
  noTarget?: string;
  targets: ReportTarget[];
}

export interface ReportTarget {
  /** The target sentence as the promise words it. */
  text: string;
  status?: TargetStatus;
  statusLabel?: string;
  /** "41 av 40 veckor", "3 av 3 trygghetsvandringar". */
  outcome?: string;
  /** One sentence on where the target stands. */
  explanation?: string;
  /** "Prognos vid årets slut: 45". */
  forecast?: string;
  /** E.g. how many ISO weeks the year has. */
  note?: string;
  /** Instead of the figures when too few cases would let someone be identified. */
  suppressed?: string;
  chart?: ReportChart;
}

export interface ReportChart {
  id: string;
  title: string;
  heading: string;
  /** The same figures as the chart, as text: the table beside it. */
  table: { caption: string; columns: [string, string, string]; rows: [string, string, string][] };
  points: WeekPoint[];
  evaluation: Evaluation;
}

export interface WorkGroup {
  heading: string;
  figures: { label: string; value: string }[];
  notes: string[];
}

export interface DialogueSection {
  heading: string;
  /** False when no citizen input came in for the period (the section says so). */
  available: boolean;
  paragraphs: string[];
  /** Counts by category and by district; small counts already read "färre än 5". */
  lists: { caption: string; items: { label: string; value: string }[] }[];
}

export interface NextYearSection {
  heading: string;
  paragraphs: string[];
  changes: string[];
}

export interface ReportLabels {
  target: string;
  status: string;
  outcome: string;
  download: string;
  downloadHtml: string;
  backToPromise: string;
  /** "Sida" / "Page", for the PDF footer. */
  page: string;
}
