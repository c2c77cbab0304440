import { csvFormatRow } from 'd3-dsv';

/** A chart's data as a plain table: the source of its CSV download and of its visible data table. */
export interface DataTable {
  columns: string[];
  rows: (number | string)[][];
}

/**
 * A table, or a function that builds it when it is first needed: a demo that
 * redraws while results stream in need not build a table of every step (tens
 * of thousands of rows, all surviving into the next garbage collection) on
 * every redraw when nobody has opened it.
 */
export type TableSource = DataTable | (() => DataTable);

/** The table a {@link TableSource} stands for. */
export function resolveTable(source: TableSource): DataTable {
  return typeof source === 'function' ? source() : source;
}

/** A value of a CSV cell: numbers in full precision, nothing (or a non-finite number) as an empty cell. */
export type CsvValue = string | number | boolean | null | undefined;

function text(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  return String(value);
}

/**
 * RFC 4180 CSV of rows of values: d3-dsv quotes what needs quoting (commas,
 * quotes, line breaks) and doubles quotes; lines end with CRLF, as the RFC
 * asks. Numbers keep full precision (a CSV is for re-use, not for reading).
 */
export function csvLines(rows: readonly (readonly CsvValue[])[]): string {
  return `${rows.map((row) => csvFormatRow(row.map(text))).join('\r\n')}\r\n`;
}

/** The CSV of a {@link DataTable}, header first. */
export function toCsv(table: DataTable): string {
  return csvLines([table.columns, ...table.rows]);
}
