/** A chart's data as a plain table: the source of its CSV download and of its visible data table. */
export interface DataTable {
  columns: string[];
  rows: (number | string)[][];
}

function cell(value: number | string): string {
  // Full precision for numbers (a CSV is for re-use, not for reading).
  const text = typeof value === 'number' ? (Number.isFinite(value) ? String(value) : '') : value;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** RFC 4180 CSV (CRLF line ends, quotes doubled) of a {@link DataTable}. */
export function toCsv(table: DataTable): string {
  const lines = [table.columns, ...table.rows].map((row) => row.map(cell).join(','));
  return `${lines.join('\r\n')}\r\n`;
}
