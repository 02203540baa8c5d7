/**
 * V8 settings for the command line (not the library API): set before the
 * rules load, they apply to every thread of the process.
 */
import v8 from 'node:v8'

/**
 * Smaller optimised functions. With V8's default inlining budget, compiling
 * newslint's hot functions costs ~2.6 s of CPU per thread (a quarter of a 10 MB
 * run, paid again by every worker); with 200 bytes of inlined bytecode it is
 * ~1.6 s (`node --trace-opt-verbose`), and throughput once warm is unchanged
 * within noise. A compiler heuristic, read at each compilation.
 */
export function tuneV8(): void {
  v8.setFlagsFromString('--max-inlined-bytecode-size-cumulative=200')
}
