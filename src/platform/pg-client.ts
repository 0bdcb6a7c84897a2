import pg from 'pg';

/** One short-lived PostgreSQL connection for administrative statements (CREATE/DROP DATABASE). */
export async function withPgClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}
