import "server-only";
import { getTableColumns, type InferSelectModel, type Table } from "drizzle-orm";

// Rows a hand-written statement returns as JSON (row_to_json, json_agg), read as the
// query builder would read them: column names to field names, each value through its
// column's own mapping (timestamps to Dates, and so on).

/** A table's row from its JSON form. */
export function fromJsonRow<T extends Table>(
  table: T,
  row: Record<string, unknown>,
): InferSelectModel<T> {
  const out: Record<string, unknown> = {};
  for (const [field, column] of Object.entries(getTableColumns(table))) {
    const value = row[column.name];
    out[field] = value === null || value === undefined ? null : column.mapFromDriverValue(value);
  }
  return out as InferSelectModel<T>;
}

/** The rows of `db.execute`: postgres.js answers an array, PGlite an object holding one. */
export function executedRows<R>(result: unknown): R[] {
  return (Array.isArray(result) ? result : (result as { rows: R[] }).rows) as R[];
}
