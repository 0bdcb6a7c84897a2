import { z } from 'zod';

/** rules/pipelines.yaml: the statuses of each pipeline, checked against the rules' statuses. */
export const pipelinesFile = z.record(z.string(), z.array(z.string().min(1)).min(1));

export type PipelinesFile = z.output<typeof pipelinesFile>;
