import { watch, type FSWatcher } from 'node:fs';
import path from 'node:path';
import { renderError, type RuleError } from '../rules/errors.js';
import { loadRuleSet } from '../rules/load/index.js';
import type { CompiledRule } from '../rules/snapshot.js';

/**
 * The rules in force. Reloading replaces a file's rules only when the file (and the
 * templates it uses) check cleanly; a broken file is reported and its last good version
 * stays in force. Runs already going are never touched: they carry their own snapshot.
 */
export class RuleRegistry {
  private byFile = new Map<string, CompiledRule[]>();
  private watcher: FSWatcher | undefined;
  private timer: NodeJS.Timeout | undefined;
  private reloading: Promise<unknown> = Promise.resolve();

  constructor(
    readonly dir: string,
    private readonly log: (message: string) => void,
    /** Called after each reload by the watcher (the engine re-sends the clock offsets). */
    private readonly onReload?: (rules: CompiledRule[]) => Promise<void>,
  ) {}

  /** Every rule in force, in file order. */
  rules(): CompiledRule[] {
    return [...this.byFile.keys()].sort().flatMap((file) => this.byFile.get(file)!);
  }

  async reload(): Promise<{ rules: number; errors: RuleError[] }> {
    const cwd = process.cwd();
    const set = await loadRuleSet({ dir: this.dir, cwd });
    const broken = new Set(set.errors.map((e) => path.relative(this.dir, path.resolve(cwd, e.file))));
    const next = new Map<string, CompiledRule[]>();
    for (const rule of set.rules) next.set(rule.file, [...(next.get(rule.file) ?? []), rule]);
    for (const file of broken) {
      const previous = this.byFile.get(file);
      if (previous) next.set(file, previous);
    }
    for (const e of set.errors) this.log(renderError(e));
    const kept = [...broken].filter((f) => this.byFile.has(f));
    if (kept.length) this.log(`kept the last good version of ${kept.join(', ')}`);
    this.byFile = next;
    return { rules: this.rules().length, errors: set.errors };
  }

  /** Reloads shortly after any change under the folder (editors write in bursts). */
  watch(): void {
    this.watcher = watch(this.dir, { recursive: true }, () => {
      clearTimeout(this.timer);
      this.timer = setTimeout(() => {
        this.reloading = this.reloading.then(async () => {
          const { rules, errors } = await this.reload();
          this.log(`rules reloaded: ${rules} in force${errors.length ? `, ${errors.length} error(s)` : ''}`);
          await this.onReload?.(this.rules());
        }).catch((err: Error) => this.log(`reloading rules failed: ${err.message}`));
      }, 200);
    });
  }

  async close(): Promise<void> {
    clearTimeout(this.timer);
    this.watcher?.close();
    await this.reloading;
  }
}
