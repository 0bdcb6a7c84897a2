import path from 'node:path';
import { germanBaseRates } from '../receivables/interest/rates.js';

/** Pinned tool versions live here and nowhere else. */
export const TEMPORAL_CLI_VERSION = '1.5.1';
export const TEMPORAL_TEST_SERVER_VERSION = '1.38.0';

/** Every environment variable recflow reads; the README documents each one. */
export const ENV_VARS = [
  'RECFLOW_DATA_DIR',
  'RECFLOW_TOOL_CACHE',
  'DATABASE_URL',
  'TEMPORAL_ADDRESS',
  'TEMPORAL_NAMESPACE',
  'TEMPORAL_TASK_QUEUE',
  'TEMPORAL_TLS',
  'TEMPORAL_TLS_CERT',
  'TEMPORAL_TLS_KEY',
  'TEMPORAL_TLS_CA',
  'TEMPORAL_TLS_SERVER_NAME',
  'TEMPORAL_API_KEY',
  'TEMPORAL_CLI_PATH',
  'TEMPORAL_DEV_PORT',
  'TEMPORAL_UI_PORT',
  'TEMPORAL_UI_URL',
  'SMTP_URL',
  'MAIL_FROM',
  'HOST',
  'PORT',
  'PUBLIC_URL',
  'RULES_DIR',
  'RECFLOW_WORKFLOW_BUNDLE',
  'RECFLOW_BASE_RATES_DE',
] as const;

export type DatabaseKind = 'sqlite' | 'postgresql';

export interface Config {
  /** Folder for everything the embedded defaults persist: SQLite files, mail, PDFs. */
  dataDir: string;
  /** Folder for tools the project builds or fetches (Temporal CLI, test server); ~/.cache/recflow/tools by default. */
  toolCacheDir: string;
  databaseUrl: string;
  databaseKind: DatabaseKind;
  temporal: {
    /** Set when an existing cluster is used; then no dev server is started. */
    address: string | undefined;
    namespace: string;
    taskQueue: string;
    tls: { certPath?: string; keyPath?: string; caPath?: string; serverName?: string } | undefined;
    apiKey: string | undefined;
    cliPath: string | undefined;
    /** Web UI base URL for deep links; the dev server's own when embedded. */
    uiUrl: string | undefined;
    devServerPort: number;
    uiPort: number;
  };
  /** smtp://user:pass@host:port; unset means .eml files in dataDir/mail. */
  smtpUrl: string | undefined;
  mailFrom: string;
  api: { host: string; port: number; publicUrl: string };
  rulesDir: string;
  /** A prebuilt workflow bundle to load instead of bundling at start (images, tests). */
  workflowBundle: string | undefined;
}

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');

/** The project root (where package.json lives). */
export const projectRoot = root;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  germanBaseRates(env); // a malformed RECFLOW_BASE_RATES_DE stops the start, not a dunning run
  const dataDir = path.resolve(root, env.RECFLOW_DATA_DIR ?? '.data');
  const databaseUrl = env.DATABASE_URL ?? `file:${path.join(dataDir, 'recflow.db')}`;
  const apiPort = intFrom(env.PORT, 'PORT', 3000);
  const apiHost = env.HOST ?? '127.0.0.1';
  const tls = env.TEMPORAL_TLS_CERT || env.TEMPORAL_TLS_CA || env.TEMPORAL_TLS === 'true'
    ? {
        certPath: env.TEMPORAL_TLS_CERT,
        keyPath: env.TEMPORAL_TLS_KEY,
        caPath: env.TEMPORAL_TLS_CA,
        serverName: env.TEMPORAL_TLS_SERVER_NAME,
      }
    : undefined;
  return {
    dataDir,
    toolCacheDir: toolCacheDir(env),
    databaseUrl,
    databaseKind: databaseKindOf(databaseUrl),
    temporal: {
      address: env.TEMPORAL_ADDRESS || undefined,
      namespace: env.TEMPORAL_NAMESPACE ?? 'default',
      taskQueue: env.TEMPORAL_TASK_QUEUE ?? 'recflow',
      tls,
      apiKey: env.TEMPORAL_API_KEY || undefined,
      cliPath: env.TEMPORAL_CLI_PATH || undefined,
      uiUrl: env.TEMPORAL_UI_URL || undefined,
      devServerPort: intFrom(env.TEMPORAL_DEV_PORT, 'TEMPORAL_DEV_PORT', 7233),
      uiPort: intFrom(env.TEMPORAL_UI_PORT, 'TEMPORAL_UI_PORT', 8233),
    },
    smtpUrl: env.SMTP_URL || undefined,
    mailFrom: env.MAIL_FROM ?? 'recflow <billing@recflow.local>',
    api: { host: apiHost, port: apiPort, publicUrl: env.PUBLIC_URL ?? `http://localhost:${apiPort}` },
    rulesDir: path.resolve(root, env.RULES_DIR ?? 'rules'),
    workflowBundle: env.RECFLOW_WORKFLOW_BUNDLE ? path.resolve(root, env.RECFLOW_WORKFLOW_BUNDLE) : undefined,
  };
}

/**
 * Built tools (Temporal CLI, test server) outlive a checkout: a fresh clone on the same
 * machine reuses them instead of rebuilding for minutes.
 */
function toolCacheDir(env: NodeJS.ProcessEnv): string {
  if (env.RECFLOW_TOOL_CACHE) return path.resolve(root, env.RECFLOW_TOOL_CACHE);
  const base = env.XDG_CACHE_HOME || (env.HOME ? path.join(env.HOME, '.cache') : path.join(root, '.cache'));
  return path.join(base, 'recflow', 'tools');
}

export function databaseKindOf(url: string): DatabaseKind {
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) return 'postgresql';
  if (url.startsWith('file:')) return 'sqlite';
  throw new Error(
    `DATABASE_URL must start with file: (SQLite) or postgres:// (PostgreSQL); got "${url.slice(0, 20)}…"`,
  );
}

function intFrom(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new Error(`${name} must be a port number, got "${value}"`);
  return n;
}
