import "server-only";
import {
  type Column,
  getTableColumns,
  type InferSelectModel,
  type SQLWrapper,
  type Table,
} from "drizzle-orm";
import type { Db, Tx } from "./client";

// Rows as the database sends them (`db.execute`, or a hand-written statement's row_to_json
// and json_agg), read as drizzle's select would read them: column names to field names,
// each value through its column's own mapping (timestamps to Dates, and so on). drizzle's
// own reading checks each cell's kind by walking prototypes (`is()`): on the first page of
// the list (50 chats of 18 columns) that was a tenth of the route's CPU, the mapping itself
// a fraction of it. Here each table's columns are looked up once.

type Plan = { field: string; name: string; column: Column }[];

const plans = new WeakMap<Table, Plan>();

function planOf(table: Table): Plan {
  let plan = plans.get(table);
  if (!plan) {
    plan = Object.entries(getTableColumns(table)).map(([field, column]) => ({
      field,
      name: column.name,
      column,
    }));
    plans.set(table, plan);
  }
  return plan;
}

/** A table's row from its column-named form. */
export function fromRawRow<T extends Table>(
  table: T,
  row: Record<string, unknown>,
): InferSelectModel<T> {
  const out: Record<string, unknown> = {};
  for (const { field, name, column } of planOf(table)) {
    const value = row[name];
    out[field] = value === null || value === undefined ? null : column.mapFromDriverValue(value);
  }
  return out as InferSelectModel<T>;
}

/**
 * The rows of a select of every column of `table` (`db.select().from(table)…`, passed
 * unawaited), read by fromRawRow.
 */
export async function selectRows<T extends Table>(
  db: Db | Tx,
  table: T,
  query: SQLWrapper,
): Promise<InferSelectModel<T>[]> {
  return executedRows<Record<string, unknown>>(await db.execute(query)).map((row) =>
    fromRawRow(table, row),
  );
}

/** The rows of `db.execute`: postgres.js answers an array, PGlite an object holding one. */
export function executedRows<R>(result: unknown): R[] {
  return (Array.isArray(result) ? result : (result as { rows: R[] }).rows) as R[];
}
