// `recflow rules check [paths] [--json]`, `recflow rules schema`.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { loadConfig, projectRoot } from '../platform/config.js';
import { renderError } from '../rules/errors.js';
import { jsonSchemas, schemaText } from '../rules/json-schema.js';
import { withReference } from '../rules/reference.js';
import { loadRuleSet } from '../rules/load/index.js';
import { parseYaml } from '../rules/load/parse.js';
import { validateShape } from '../rules/load/validate.js';
import { check } from './rules-check.js';

const usage = `usage: recflow rules <command>

  check [paths] [--json]    check rule files (default: every file in RULES_DIR); exit 1 on error
  schema                    write rules/schema.json, rules/templates/schema.json, the reference in docs/rules.md
                            and src/rules/schema/checks.generated.ts
  simulate <rule> --event <file>   run a rule on a time-skipped clock and print its timeline
  progress <workflow-id>    where a run is: current step, steps done, its Web UI link
  approve <workflow-id> --by <name> [--reject] [--id <decision-id>]
                            release (or reject) a run waiting in a require-approval step`;

export async function rulesCommand(args: string[]): Promise<void> {
  const [command, ...rest] = args;
  switch (command) {
    case 'check':
      process.exitCode = await check(rest);
      break;
    case 'schema': {
      const { rulesDir } = loadConfig();
      for (const { file, schema } of jsonSchemas()) {
        await writeFile(path.join(rulesDir, file), schemaText(schema));
        console.log(`wrote ${path.relative(process.cwd(), path.join(rulesDir, file))}`);
      }
      const docs = path.join(projectRoot, 'docs', 'rules.md');
      await writeFile(docs, withReference(await readFile(docs, 'utf8')));
      console.log(`wrote the reference in ${path.relative(process.cwd(), docs)}`);
      // The fast checks of valid files are generated from the same schemas.
      const { GENERATED_FILE, generateChecks } = await import('../rules/schema/compile-checks.js');
      await writeFile(GENERATED_FILE, generateChecks());
      console.log(`wrote ${path.relative(process.cwd(), GENERATED_FILE)}`);
      break;
    }
    case 'simulate':
      process.exitCode = await simulateCommand(rest);
      break;
    case 'progress':
    case 'approve': {
      const { runCommand } = await import('./rule-runs.js');
      process.exitCode = await runCommand(command, rest, usage);
      break;
    }
    default:
      console.error(command ? `unknown rules command "${command}"\n\n${usage}` : usage);
      process.exitCode = 2;
  }
}

async function simulateCommand(args: string[]): Promise<number> {
  const ruleId = args[0];
  const eventFile = args[args.indexOf('--event') + 1];
  if (!ruleId || !args.includes('--event') || !eventFile) {
    console.error(`${usage}\n\nexample: recflow rules simulate enrolment-payment-reminders --event rules/simulations/enrolled-never-pays.yaml`);
    return 2;
  }
  const config = loadConfig();
  const set = await loadRuleSet({ dir: config.rulesDir });
  const rule = set.rules.find((r) => r.id === ruleId);
  if (!rule) {
    for (const e of set.errors) console.log(renderError(e));
    console.error(`no rule "${ruleId}" without errors in ${config.rulesDir}; rules: ${set.rules.map((r) => r.id).join(', ')}`);
    return 1;
  }
  const { parsed, errors } = parseYaml(eventFile, await readFile(eventFile, 'utf8'));
  const { simulate, simulationFile } = await import('../engine/simulate.js');
  const checked = parsed ? validateShape(parsed, simulationFile) : { errors, value: undefined };
  if (!checked.value) {
    for (const e of [...errors, ...checked.errors]) console.log(renderError(e));
    return 1;
  }
  console.log(`Simulating ${rule.id} (version ${rule.hash}) for the demo opportunity; the event arrives on day 0 at 09:00.\n`);
  const { lines } = await simulate(config, rule, checked.value);
  for (const line of lines) console.log(line);
  return 0;
}
