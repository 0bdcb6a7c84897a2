/**
 * How a failed command ends: the message alone, since it carries the fix (a stack trace
 * adds nothing for users; RECFLOW_DEBUG shows it), and exit code 1.
 */
export function reportFailure(e: unknown): void {
  console.error(process.env.RECFLOW_DEBUG ? e : `error: ${(e as Error).message}`);
  process.exitCode = 1;
}
