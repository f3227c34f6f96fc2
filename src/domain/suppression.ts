// Small counts on public pages: a count under the threshold (default 5) is hidden, so no one can be
// singled out. Tables with totals also hide a second cell where one hidden cell could be worked out
// from the total and the shown cells (secondary suppression).

/** A shown count, or null for "fewer than the threshold". */
export type Shown = number | null;

export function suppress(count: number, threshold: number): Shown {
  return count < threshold ? null : count;
}

export interface ProtectedTable {
  cells: Shown[][];
  rowTotals: Shown[];
  columnTotals: Shown[];
  total: Shown;
}

/**
 * Hides cells and totals under the threshold, then, in any row or column whose total is shown, hides the
 * smallest shown cell beside a lone hidden one, until no shown total lets a hidden cell be worked out.
 */
export function protectTable(cells: readonly (readonly number[])[], threshold: number): ProtectedTable {
  const rows = cells.length;
  const columns = cells[0]?.length ?? 0;
  const rowTotals = cells.map((row) => row.reduce((a, b) => a + b, 0));
  const columnTotals = Array.from({ length: columns }, (_, j) =>
    cells.reduce((a, row) => a + (row[j] ?? 0), 0),
  );
  const total = rowTotals.reduce((a, b) => a + b, 0);
  const hidden = cells.map((row) => row.map((n) => n < threshold));
  const rowHidden = rowTotals.map((n) => n < threshold);
  const columnHidden = columnTotals.map((n) => n < threshold);
  const totalHidden = total < threshold;

  let changed = true;
  while (changed) {
    changed = false;
    for (let i = 0; i < rows; i++) {
      if (rowHidden[i]) continue;
      changed =
        hideSecond(
          Array.from({ length: columns }, (_, j) => ({
            value: cells[i]?.[j] ?? 0,
            hidden: hidden[i]?.[j] ?? false,
          })),
          (j) => {
            const row = hidden[i];
            if (row) row[j] = true;
          },
        ) || changed;
    }
    for (let j = 0; j < columns; j++) {
      if (columnHidden[j]) continue;
      changed =
        hideSecond(
          Array.from({ length: rows }, (_, i) => ({
            value: cells[i]?.[j] ?? 0,
            hidden: hidden[i]?.[j] ?? false,
          })),
          (i) => {
            const row = hidden[i];
            if (row) row[j] = true;
          },
        ) || changed;
    }
    if (!totalHidden) {
      changed =
        hideSecond(
          rowTotals.map((value, i) => ({ value, hidden: rowHidden[i] ?? false })),
          (i) => {
            rowHidden[i] = true;
          },
        ) || changed;
      changed =
        hideSecond(
          columnTotals.map((value, j) => ({ value, hidden: columnHidden[j] ?? false })),
          (j) => {
            columnHidden[j] = true;
          },
        ) || changed;
    }
  }
  return {
    cells: cells.map((row, i) => row.map((n, j) => (hidden[i]?.[j] ? null : n))),
    rowTotals: rowTotals.map((n, i) => (rowHidden[i] ? null : n)),
    columnTotals: columnTotals.map((n, j) => (columnHidden[j] ? null : n)),
    total: totalHidden ? null : total,
  };
}

/** In a line whose total is shown, a single hidden entry gets a partner: the smallest shown one. */
function hideSecond(line: { value: number; hidden: boolean }[], hide: (index: number) => void): boolean {
  if (line.filter((e) => e.hidden).length !== 1) return false;
  let smallest = -1;
  for (const [k, entry] of line.entries()) {
    if (!entry.hidden && (smallest < 0 || entry.value < (line[smallest]?.value ?? Infinity))) smallest = k;
  }
  if (smallest < 0) return false;
  hide(smallest);
  return true;
}
