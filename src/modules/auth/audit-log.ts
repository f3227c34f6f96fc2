// Reading the audit trail of one LPO: what happened in it, and its members' own sign-in events (those
// belong to no LPO). Newest first, filtered by action and Stockholm dates; also as CSV.
import { type Expression, type Kysely, type SqlBool, sql } from 'kysely';
import type { Database } from '../../db/types.ts';
import { addDays } from '../../domain/iso-week.ts';
import { stockholmInstant } from '../../domain/stockholm-time.ts';

export interface AuditFilter {
  action?: string | undefined;
  /** Stockholm dates, inclusive. */
  from?: string | undefined;
  to?: string | undefined;
}

export interface AuditEntry {
  id: string;
  at: Date;
  userName: string | null;
  userEmail: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  reason: string | null;
  detail: Record<string, unknown>;
}

export const AUDIT_PAGE_SIZE = 50;
/** The most rows one CSV export gives. */
export const AUDIT_EXPORT_LIMIT = 100_000;

export function createAuditLog(db: Kysely<Database>) {
  function scoped(policeAreaId: number, filter: AuditFilter) {
    let query = db
      .selectFrom('audit_log as l')
      .leftJoin('app_user as u', 'u.id', 'l.user_id')
      .where((eb) =>
        eb.or([
          eb('l.police_area_id', '=', policeAreaId),
          eb.and([
            eb('l.police_area_id', 'is', null),
            eb('l.entity', '=', 'app_user'),
            eb(
              'l.user_id',
              'in',
              eb.selectFrom('membership').select('user_id').where('police_area_id', '=', policeAreaId),
            ),
          ]) as Expression<SqlBool>,
        ]),
      );
    if (filter.action) query = query.where('l.action', '=', filter.action);
    // `at` is typed for inserts (a generated column); compared as the timestamp it is.
    if (filter.from) query = query.where(sql<SqlBool>`l.at >= ${stockholmInstant(filter.from, '00:00')}`);
    if (filter.to)
      query = query.where(sql<SqlBool>`l.at < ${stockholmInstant(addDays(filter.to, 1), '00:00')}`);
    return query;
  }

  async function entries(policeAreaId: number, filter: AuditFilter, limit: number, offset: number) {
    const rows = await scoped(policeAreaId, filter)
      .select([
        'l.id',
        sql<Date>`l.at`.as('at'),
        'u.display_name',
        'u.email',
        'l.action',
        'l.entity',
        'l.entity_id',
        'l.reason',
        'l.detail',
      ])
      .orderBy('l.at', 'desc')
      .orderBy('l.id', 'desc')
      .limit(limit)
      .offset(offset)
      .execute();
    return rows.map(
      (r): AuditEntry => ({
        id: String(r.id),
        at: r.at,
        userName: r.display_name,
        userEmail: r.email,
        action: r.action,
        entity: r.entity,
        entityId: r.entity_id,
        reason: r.reason,
        detail: r.detail,
      }),
    );
  }

  return {
    /** One page (1-based) of the LPO's entries, with how many match in all. */
    async page(policeAreaId: number, filter: AuditFilter, page: number) {
      const [rows, total] = await Promise.all([
        entries(policeAreaId, filter, AUDIT_PAGE_SIZE, (page - 1) * AUDIT_PAGE_SIZE),
        scoped(policeAreaId, filter)
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow(),
      ]);
      return {
        rows,
        total: Number(total.n),
        pages: Math.max(1, Math.ceil(Number(total.n) / AUDIT_PAGE_SIZE)),
      };
    },

    /** All matching entries for an export (at most AUDIT_EXPORT_LIMIT). */
    all(policeAreaId: number, filter: AuditFilter) {
      return entries(policeAreaId, filter, AUDIT_EXPORT_LIMIT, 0);
    },

    /** The actions that occur in the LPO's log, for the filter's choices. */
    async actions(policeAreaId: number): Promise<string[]> {
      const rows = await scoped(policeAreaId, {}).select('l.action').distinct().orderBy('l.action').execute();
      return rows.map((r) => r.action);
    },
  };
}

export type AuditLog = ReturnType<typeof createAuditLog>;

/**
 * One CSV cell: a leading =, +, -, @ (or tab / carriage return) gets a ' so a spreadsheet never runs it
 * as a formula; a cell with the separator, a quote or a line break is quoted.
 */
export function csvCell(value: string, separator = ';'): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return safe.includes(separator) || /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** A CSV file for Excel: UTF-8 with a byte-order mark, ';' between cells (Swedish Excel's default), CRLF. */
export function toCsv(rows: string[][]): string {
  return `\uFEFF${rows.map((row) => row.map((cell) => csvCell(cell)).join(';')).join('\r\n')}\r\n`;
}
