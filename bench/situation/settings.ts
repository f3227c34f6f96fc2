// Settings the situation bench's parent and its import children share.

import { DEFAULT_BATCH_SIZE } from '../../src/modules/situation/import/importer.ts';

/** Events per committed import batch: SITUATION_BENCH_BATCH, default the command's own default. */
export const BENCH_BATCH = Number(process.env.SITUATION_BENCH_BATCH ?? DEFAULT_BATCH_SIZE);
