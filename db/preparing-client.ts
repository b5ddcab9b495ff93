import type { Sql, TransactionSql } from "postgres";

// postgres.js prepares each statement it sends (parsed and planned once per connection,
// then only bound and run) unless told not to. drizzle tells it not to for every query
// it has not been given a name for (`.prepare(name)`), which is all of ours: each query
// was parsed and planned on every call. This wrapper lets postgres.js prepare them all,
// in transactions too. Statements are cached per connection by their text, and the app's
// queries come in a bounded number of shapes. A pooler in transaction mode (PgBouncer
// before 1.21) cannot keep prepared statements: DB_PREPARE=off turns this off.

type Unsafe = Sql["unsafe"];

export function preparingClient<T extends Sql | TransactionSql>(client: T): T {
  return new Proxy(client, {
    get(target, property) {
      if (property === "unsafe") {
        const unsafe: Unsafe = (query, parameters, options) =>
          target.unsafe(query, parameters, { ...options, prepare: true });
        return unsafe;
      }
      if (property === "begin") {
        // begin(fn) or begin(options, fn): the transaction's client prepares as well.
        return (...args: unknown[]) => {
          const fn = args.pop() as (tx: TransactionSql) => unknown;
          return (target as Sql).begin(...(args as []), (tx) => fn(preparingClient(tx)));
        };
      }
      return Reflect.get(target, property, target);
    },
  });
}
