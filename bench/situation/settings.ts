// Settings the situation bench's parent and its import children share.

/** Events per committed import batch: SITUATION_BENCH_BATCH, default 50,000. */
export const BENCH_BATCH = Number(process.env.SITUATION_BENCH_BATCH ?? 50_000);
