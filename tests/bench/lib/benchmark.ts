/** Settings every benchmark receives from `pnpm bench` (see run.ts for the flags). */
export interface BenchmarkSettings {
  /** Measured seconds per target, split over interleaved rounds (load benchmarks). */
  seconds: number;
  warmupSeconds: number;
  connections: number;
}

/** Runs, prints its figures, and says whether its target was met. */
export type BenchmarkRun = (settings: BenchmarkSettings) => Promise<{ targetMet: boolean }>;

export interface Benchmark {
  name: string;
  /** One line for `pnpm bench --list`. */
  description: string;
  /** Imported only when selected, so one benchmark's imports cannot break another. */
  load(): Promise<BenchmarkRun>;
}
