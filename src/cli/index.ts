#!/usr/bin/env node
// recflow: one command, plain subcommands. Each handler lives in its own file.
import { reportFailure } from './failure.js';

const [command, ...args] = process.argv.slice(2);

const usage = `usage: recflow <command>

  start                     the whole stack on embedded defaults (same as npm start)
  worker                    run only the worker (TEMPORAL_ADDRESS, DATABASE_URL)
  api                       run only the HTTP API
  bundle [file]             prebuild the workflow bundle (RECFLOW_WORKFLOW_BUNDLE)
  invoices export --from --to --out   the accountant's export (ZIP of CSV + PDFs, or CSV)
  payments import <file> [--template <name>]   import a bank statement; also review, undo, allocate, ignore
  recurring start|list|stop          recurring invoices (recflow recurring for the options)
  tokens create --tenant <slug>       a new API bearer token (printed once)
  db migrate                apply pending database migrations
  db new-migration <name>   write the next migration from prisma/ schema changes
  temporal register-search-attributes   on the cluster in TEMPORAL_ADDRESS
  temporal build-cli        build the pinned Temporal CLI into the tool cache
  temporal fetch-test-server  fetch the time-skipping test server from Maven Central
  rules check [paths] [--json]   check rule files; file:line:col for every mistake
  rules schema              regenerate rules/schema.json from the rule format's source
  rules simulate <rule> --event <file>   a rule's timeline on a time-skipped clock
  rules progress <workflow-id>           a run's step, steps done and Web UI link
  rules approve <workflow-id> --by <name> [--reject]   release a run waiting for approval
  dunning preview|process [--branch] [--customer] [--level] [--date] [--draft]   a dunning run
  dunning letters <run-id> --approve|--discard   a run's draft letters
  reports aging [--format csv|json] [--date]     open receivables by age`;

/** Runs one subcommand; its errors say what failed and how to fix it. */
async function dispatch(): Promise<void> {
  switch (command) {
    case 'start':
      await import('../main.js');
      break;
    case 'worker':
    case 'api': {
      const { runPart } = await import('./serve.js');
      await runPart(command);
      break;
    }
    case 'bundle': {
      const { buildWorkflowBundle } = await import('../platform/bundle.js');
      const out = args[0] ?? 'dist/workflow-bundle.js';
      console.log(`workflow bundle written to ${await buildWorkflowBundle(out)}`);
      break;
    }
    case 'tokens': {
      const { tokensCommand } = await import('./tokens.js');
      await tokensCommand(args);
      break;
    }
    case 'invoices': {
      const { invoicesCommand } = await import('./invoices.js');
      await invoicesCommand(args);
      break;
    }
    case 'recurring': {
      const { recurringCommand } = await import('./recurring.js');
      await recurringCommand(args);
      break;
    }
    case 'payments': {
      const { paymentsCommand } = await import('./payments.js');
      await paymentsCommand(args);
      break;
    }
    case 'db': {
      const { dbCommand } = await import('./db.js');
      await dbCommand(args);
      break;
    }
    case 'temporal': {
      const { temporalCommand } = await import('./temporal.js');
      await temporalCommand(args);
      break;
    }
    case 'rules': {
      const { rulesCommand } = await import('./rules.js');
      await rulesCommand(args);
      break;
    }
    case 'dunning': {
      const { dunningCommand } = await import('./dunning.js');
      await dunningCommand(args);
      break;
    }
    case 'reports': {
      const { reportsCommand } = await import('./reports.js');
      await reportsCommand(args);
      break;
    }
    case 'help':
    case '--help':
    case '-h':
      console.log(usage);
      break;
    default:
      console.error(command ? `unknown command "${command}"\n\n${usage}` : usage);
      process.exit(command ? 2 : 0);
  }
}

try {
  await dispatch();
} catch (e) {
  reportFailure(e);
}
