// Prepared statements kept across queries for the Prisma SQLite adapter, which prepares
// every query afresh (src/platform/db.ts wraps its connection's prepare() with this).
import type Database from 'better-sqlite3';

type Statement = Database.Statement<unknown[]>;
type Columns = ReturnType<Statement['columns']>;

const KEPT_STATEMENTS = 500;
/** How Prisma ends findFirst/findUnique SQL. */
const LIMIT_PARAMS = / LIMIT \? OFFSET \?$/;

/**
 * prepare() that returns a kept statement for SQL seen before. Three costs go:
 * - preparing (~40 µs a query);
 * - `LIMIT ? OFFSET ?`: SQLite plans with the limit, so binding one marks the statement for
 *   preparing again at every run; the values (integers) are written into the SQL instead;
 * - columns(): the adapter asks for them on every read (~40 µs); kept per statement.
 * A better-sqlite3 statement can be bound only once, and the adapter binds each one it
 * prepares, so it gets a handle that passes the arguments at each call instead.
 */
export function keptStatements(prepare: (sql: string) => Statement): (sql: string) => Statement {
  const kept = new Map<string, Statement>();
  const columns = new WeakMap<Statement, Columns>();
  const keep = (sql: string): Statement => {
    let stmt = kept.get(sql);
    if (stmt) kept.delete(sql);
    else {
      stmt = prepare(sql);
      // Least recently used out first: a Map keeps insertion order and hits move to the end.
      if (kept.size >= KEPT_STATEMENTS) kept.delete(kept.keys().next().value!);
    }
    kept.set(sql, stmt);
    return stmt;
  };
  const handle = (stmt: Statement, args: unknown[]): Statement => {
    const bound = {
      reader: stmt.reader,
      bind: (...values: unknown[]) => handle(stmt, argsOf(values)),
      run: () => stmt.run(args),
      all: () => stmt.raw(false).all(args),
      get: () => stmt.raw(false).get(args),
      columns: () => {
        let known = columns.get(stmt);
        if (!known) columns.set(stmt, (known = stmt.columns()));
        return known;
      },
      raw: (on = true) => {
        stmt.raw(on);
        return { ...bound, all: () => stmt.all(args), get: () => stmt.get(args) };
      },
    };
    return bound as unknown as Statement;
  };
  return (sql) => {
    const text = sql === 'BEGIN' ? 'BEGIN IMMEDIATE' : sql;
    const unbound = handle(keep(text), []);
    if (!LIMIT_PARAMS.test(text)) return unbound;
    const bind = (...values: unknown[]) => {
      const args = argsOf(values);
      const [limit, offset] = args.slice(-2);
      if (!isInteger(limit) || !isInteger(offset)) return unbound.bind(args);
      return handle(keep(text.replace(LIMIT_PARAMS, ` LIMIT ${limit} OFFSET ${offset}`)), args.slice(0, -2));
    };
    return { ...unbound, bind } as unknown as Statement;
  };
}

/** bind([a, b]) and bind(a, b) mean the same to better-sqlite3. */
function argsOf(values: unknown[]): unknown[] {
  return values.length === 1 && Array.isArray(values[0]) ? values[0] : values;
}

function isInteger(value: unknown): value is number | bigint {
  return typeof value === 'bigint' || Number.isSafeInteger(value);
}
