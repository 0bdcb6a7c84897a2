import { NativeConnection, Worker } from '@temporalio/worker';
import { createActivities, type ActivityDeps } from '../activities/index.js';

export interface WorkerOptions {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  /** A file written by buildWorkflowBundle. */
  bundlePath: string;
  deps: ActivityDeps;
  /** Activities beside recflow's (the bench's hello-world yardstick). */
  moreActivities?: Record<string, (...args: never[]) => Promise<unknown>>;
}

/** Creates the worker; the caller runs it and shuts it down. */
export async function createWorker(opts: WorkerOptions): Promise<Worker> {
  return Worker.create({
    connection: opts.connection,
    namespace: opts.namespace,
    taskQueue: opts.taskQueue,
    workflowBundle: { codePath: opts.bundlePath },
    activities: { ...createActivities(opts.deps), ...opts.moreActivities },
    // Ctrl-C: let in-flight activities finish for a moment, then hand them back to Temporal.
    shutdownGraceTime: '5 seconds',
  });
}
