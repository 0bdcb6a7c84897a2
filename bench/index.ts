// `npm run bench`: prints figures; nothing here passes or fails.
import { quietTemporalRuntime } from '../test/support/temporal.js';
import { benchNumbering } from './numbering.js';
import { benchDunning } from './dunning.js';
import { benchMatching } from './matching.js';
import { benchPaymentImport } from './payment-import.js';
import { benchPdf } from './pdf.js';
import { benchRulesCheck } from './rules-check.js';
import { benchThread } from './thread.js';

quietTemporalRuntime();

const only = process.argv[2];
const benches: Record<string, () => Promise<void>> = {
  thread: benchThread,
  rules: () => benchRulesCheck(),
  pdf: () => benchPdf(),
  matching: () => benchMatching(),
  dunning: () => benchDunning(),
  import: () => benchPaymentImport(),
  numbering: benchNumbering,
};
for (const [name, run] of Object.entries(benches)) {
  if (only && only !== name) continue;
  console.log(`\n# ${name}`);
  await run();
}
