/**
 * Run lint tasks in the main thread (`--jobs 1`) or on a worker pool, and
 * hand the outcomes back in input order, with a bounded number in flight so
 * memory stays bounded by the largest documents, not the corpus.
 */
import {availableParallelism} from 'node:os'
import type {ConfigResolver} from './config.js'
import {processBytes, type LintOutcome, type WorkerSetup, type WorkerTask} from './engine.js'

export function defaultJobs(): number {
  return Math.max(1, availableParallelism())
}

export interface Runner {
  run: (task: WorkerTask) => Promise<LintOutcome>
  close: () => Promise<void>
  /** How many tasks to keep in flight. */
  window: number
}

export async function createRunner(resolver: ConfigResolver, jobs: number, tasks: number): Promise<Runner> {
  if (jobs <= 1 || tasks <= 1) {
    return {
      window: 1,
      run: async (task) => processBytes(task.bytes, resolver.resolve(task.abs, task.url), task.fix, task.keepText, task.score),
      close: async () => {}
    }
  }
  const threads = Math.min(jobs, tasks)
  const setup: WorkerSetup = {config: resolver.config, overrides: resolver.overrides}
  const {default: Tinypool} = await import('tinypool') // loaded only when there are workers
  const pool = new Tinypool({
    filename: new URL('./worker.js', import.meta.url).href,
    minThreads: threads,
    maxThreads: threads,
    workerData: setup
  })
  return {
    window: threads * 8,
    run: (task) => pool.run(task) as Promise<LintOutcome>,
    close: () => pool.destroy()
  }
}

/**
 * Map `inputs` through `start` (which begins a task) with at most `window`
 * tasks in flight, calling `done` for each result in input order.
 */
export async function orderedMap<I, O>(
  inputs: I[],
  window: number,
  start: (input: I, index: number) => Promise<O>,
  done: (output: O, input: I, index: number) => void | Promise<void>
): Promise<void> {
  const pending: Array<Promise<O>> = []
  let next = 0
  const fill = () => {
    while (next < inputs.length && pending.length < window) {
      const index = next++
      const promise = start(inputs[index], index)
      promise.catch(() => {}) // rejections are raised when awaited, in order
      pending.push(promise)
    }
  }
  fill()
  for (let index = 0; index < inputs.length; index++) {
    const output = await (pending.shift() as Promise<O>)
    fill()
    await done(output, inputs[index], index)
  }
}

/** Like orderedMap, for an async stream of inputs (a JSONL corpus of any size). */
export async function orderedStream<I, O>(
  source: AsyncIterable<I>,
  window: number,
  start: (input: I) => Promise<O>,
  done: (output: O, input: I) => void | Promise<void>
): Promise<void> {
  const pending: Array<{input: I; promise: Promise<O>}> = []
  const flushOne = async () => {
    const head = pending.shift() as {input: I; promise: Promise<O>}
    await done(await head.promise, head.input)
  }
  for await (const input of source) {
    const promise = start(input)
    promise.catch(() => {}) // raised when awaited, in order
    pending.push({input, promise})
    if (pending.length >= window) await flushOne()
  }
  while (pending.length) await flushOne()
}
