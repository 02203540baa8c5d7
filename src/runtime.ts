/**
 * V8 settings for the command line (not the library API): set before the
 * rules load, they apply to every thread of the process.
 */
import v8 from 'node:v8'

export function tuneV8(): void {
  // Smaller optimised functions. With V8's default inlining budget, compiling
  // newslint's hot functions costs ~2.6 s of CPU per thread (a quarter of a
  // 10 MB run, paid again by every worker); with 200 bytes of inlined bytecode
  // it is ~1.6 s (`node --trace-opt-verbose`), and throughput once warm is
  // unchanged within noise. A compiler heuristic, read at each compilation.
  v8.setFlagsFromString('--max-inlined-bytecode-size-cumulative=200')
  // No allocation-site pretenuring. A scavenge that lands mid-document sees
  // most of that document's words and parse nodes alive, and V8 then allocates
  // every later Word and node straight in the old generation, where they die
  // as garbage for the full collector: in about half the runs on 10 MB, 88 MB
  // instead of 30 MB was promoted (`--trace-gc-nvp`), scavenge pauses doubled,
  // and peak RSS was 263-282 MB instead of 157-161 MB. Read at each collection.
  v8.setFlagsFromString('--no-allocation-site-pretenuring')
}
