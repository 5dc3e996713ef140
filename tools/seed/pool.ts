/**
 * Runs `work` on every item with at most `concurrency` in flight. Items are pulled lazily, so
 * a generator of a million decisions never sits in memory at once. The first failure stops
 * new work and is thrown once the items already in flight have settled.
 */
export async function forEachLimited<T>(items: Iterable<T>, concurrency: number, work: (item: T) => Promise<void>): Promise<void> {
  const it = items[Symbol.iterator]();
  let failure: { err: unknown } | undefined;
  const worker = async () => {
    while (!failure) {
      const next = it.next();
      if (next.done) return;
      try {
        await work(next.value);
      } catch (err) {
        failure ??= { err };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker));
  if (failure) throw failure.err;
}
