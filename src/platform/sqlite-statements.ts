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
  const cache = new StatementCache(prepare);
  return (sql) => {
    const text = sql === 'BEGIN' ? 'BEGIN IMMEDIATE' : sql;
    return new Handle(cache, cache.keep(text), [], LIMIT_PARAMS.test(text) ? text : undefined) as unknown as Statement;
  };
}

class StatementCache {
  private readonly kept = new Map<string, Statement>();
  readonly columns = new WeakMap<Statement, Columns>();

  constructor(private readonly prepare: (sql: string) => Statement) {}

  keep(sql: string): Statement {
    let stmt = this.kept.get(sql);
    if (stmt) this.kept.delete(sql);
    else {
      stmt = this.prepare(sql);
      // Least recently used out first: a Map keeps insertion order and hits move to the end.
      if (this.kept.size >= KEPT_STATEMENTS) this.kept.delete(this.kept.keys().next().value!);
    }
    this.kept.set(sql, stmt);
    return stmt;
  }
}

/**
 * The part of a better-sqlite3 statement the adapter uses, with its arguments. A class, not
 * an object of closures: two of these are made per query, and closures cost more to make
 * (and under tsx each is wrapped once more to keep its name).
 */
class Handle {
  constructor(
    private readonly cache: StatementCache,
    private readonly stmt: Statement,
    private readonly args: unknown[],
    /** Set while unbound when the SQL ends in `LIMIT ? OFFSET ?`. */
    private readonly limitSql?: string,
    /** raw() was called: all() and get() keep the mode it set. */
    private readonly rawSet = false,
  ) {}

  get reader(): boolean {
    return this.stmt.reader;
  }

  bind(...values: unknown[]): Handle {
    const args = argsOf(values);
    if (this.limitSql) {
      const [limit, offset] = args.slice(-2);
      if (isInteger(limit) && isInteger(offset)) {
        return new Handle(this.cache, this.cache.keep(this.limitSql.replace(LIMIT_PARAMS, ` LIMIT ${limit} OFFSET ${offset}`)), args.slice(0, -2));
      }
    }
    return new Handle(this.cache, this.stmt, args);
  }

  run(): Database.RunResult {
    return this.stmt.run(this.args);
  }

  all(): unknown[] {
    return (this.rawSet ? this.stmt : this.stmt.raw(false)).all(this.args);
  }

  get(): unknown {
    return (this.rawSet ? this.stmt : this.stmt.raw(false)).get(this.args);
  }

  columns(): Columns {
    let known = this.cache.columns.get(this.stmt);
    if (!known) this.cache.columns.set(this.stmt, (known = this.stmt.columns()));
    return known;
  }

  raw(on = true): Handle {
    this.stmt.raw(on);
    return new Handle(this.cache, this.stmt, this.args, undefined, true);
  }
}

/** bind([a, b]) and bind(a, b) mean the same to better-sqlite3. */
function argsOf(values: unknown[]): unknown[] {
  return values.length === 1 && Array.isArray(values[0]) ? values[0] : values;
}

function isInteger(value: unknown): value is number | bigint {
  return typeof value === 'bigint' || Number.isSafeInteger(value);
}
