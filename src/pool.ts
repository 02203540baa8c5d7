/**
 * Run lint tasks in the main thread (`--jobs 1`) or on a worker pool, and
 * hand the outcomes back in input order, with a bounded amount of text in
 * flight so memory stays bounded by the largest documents, not the corpus.
 *
 * On the pool, tasks travel in batches: one message, one dispatch and one
 * result per ~64 KB of text instead of per file. Per-task overhead (message
 * passing, the pool's bookkeeping — tinypool samples the worker's heap after
 * every task) otherwise costs a tenth of the lint time on 5 KB articles.
 */
import {availableParallelism} from 'node:os'
import type Tinypool from 'tinypool'
import v8 from 'node:v8'
import type {ConfigResolver} from './config.js'
import {processBytes, type LintOutcome, type WorkerSetup, type WorkerTask} from './engine.js'

export function defaultJobs(): number {
  return Math.max(1, availableParallelism())
}

/**
 * Without `--jobs`, workers only for at least this much input. Each worker's
 * start-up (modules, dictionary, gazetteer, and V8 compiling the rules again
 * for its own heap) costs about 2 s of CPU, which a smaller run never wins
 * back: on 2 cores (`npm run bench`) 2 MB linted 0.81x and 5 MB 0.98x as fast
 * with a worker as without, 10 MB 1.09-1.12x and 40 MB 1.37x.
 */
export const AUTO_POOL_BYTES = 8 * 1024 * 1024

/**
 * Threads when `--jobs` is not given: all cores for a run of at least
 * AUTO_POOL_BYTES, or whose size is not known in advance (a stream), else one.
 * `sizes` yields the inputs' sizes; it is read only up to the threshold.
 */
export function autoJobs(sizes: Iterable<number> | undefined, cores = defaultJobs()): number {
  if (sizes === undefined || cores <= 1) return cores
  let total = 0
  for (const size of sizes) {
    total += size
    if (total >= AUTO_POOL_BYTES) return cores
  }
  return 1
}

/** How much may be in flight: at most `count` tasks and about `bytes` of input (always at least one task). */
export interface Window {
  count: number
  bytes: number
}

export interface Runner {
  run: (task: WorkerTask) => Promise<LintOutcome>
  close: () => Promise<void>
  window: Window
}

/** A batch is sent when it holds this much text or this many tasks. */
export const BATCH_BYTES = 64 * 1024
export const BATCH_TASKS = 64
/** Batches queued at each worker (tinypool's concurrentTasksPerWorker): one running, two waiting, so it never idles. */
const BATCHES_PER_WORKER = 3

/**
 * Batches in flight beyond what the threads hold: results are reported in input
 * order, so a little slack lets a thread run ahead of a slower one. Kept small:
 * what is in flight outlives young-generation collections and is promoted, so a
 * larger window grows the old generation (and RSS) without adding speed.
 */
const SLACK_BATCHES = 6

/** The in-flight window for `jobs` threads and `tasks` tasks (one at a time without workers). */
export function windowFor(jobs: number, tasks: number): Window {
  const threads = Math.min(jobs, tasks)
  if (threads <= 1) return {count: 1, bytes: 0}
  const batches = (threads - 1) * BATCHES_PER_WORKER + 1 + SLACK_BATCHES
  return {count: batches * BATCH_TASKS, bytes: batches * BATCH_BYTES}
}

/**
 * `jobs` threads lint: the main thread and `jobs - 1` workers. The main thread
 * takes a batch whenever every worker has its queue full, so with 2 cores one
 * worker's start-up (modules, dictionary, gazetteer, JIT) is all the pool adds.
 */
export async function createRunner(resolver: ConfigResolver, jobs: number, tasks: number): Promise<Runner> {
  const lintHere = (task: WorkerTask): LintOutcome =>
    processBytes(task.bytes, resolver.resolve(task.abs, task.url), task.fix, task.keepText, task.score)
  const threads = Math.min(jobs, tasks)
  if (threads <= 1) {
    return {window: windowFor(1, 1), run: async (task) => lintHere(task), close: async () => {}}
  }
  const workers = threads - 1
  let pool: Tinypool | undefined
  let starting: Promise<Tinypool> | undefined
  const batcher: Batcher = new Batcher({
    send: (batch) => (pool as Tinypool).run(batch) as Promise<LintOutcome[]>,
    local: (batch) => batch.map(lintHere),
    // Workers start only when there is more work than this thread keeps up with:
    // a hook run on a few files never pays for them.
    demand: () => {
      starting = startPool(resolver, workers)
      void starting.then((started) => {
        pool = started
        // They take batches once warm (modules, dictionary, gazetteer loaded by
        // linting a short text); until then this thread lints, so results in
        // input order never wait for a worker that is still starting.
        const warmUp = Array.from({length: workers}, () => started.run([WARM_UP]))
        void Promise.allSettled(warmUp).then(() => batcher.open(workers * BATCHES_PER_WORKER))
      })
    }
  })
  return {
    window: windowFor(jobs, tasks),
    run: (task) => batcher.add(task),
    close: async () => {
      if (starting) await (await starting).destroy()
    }
  }
}

async function startPool(resolver: ConfigResolver, workers: number): Promise<Tinypool> {
  const setup: WorkerSetup = {config: resolver.config, overrides: resolver.overrides}
  boundHeapGrowth()
  const {default: Pool} = await import('tinypool') // loaded only when workers start
  return new Pool({
    filename: new URL('./worker.js', import.meta.url).href,
    minThreads: workers,
    maxThreads: workers,
    concurrentTasksPerWorker: BATCHES_PER_WORKER,
    workerData: setup
  })
}

/**
 * With several threads each V8 heap may grow to ~4x its live size before a
 * full collection (what V8 does when collections are cheap): 2 threads on a
 * JSONL stream peaked at 470-580 MB RSS. Growing by at most 2x keeps them under
 * ~400 MB at no measurable cost (1.5x saved another ~50 MB for 5-10% more CPU).
 * The flag is read at each collection, so setting it now (before the workers
 * start) applies to every heap of the process.
 */
function boundHeapGrowth(): void {
  v8.setFlagsFromString('--heap-growing-percent=100')
}

interface Queued {
  task: WorkerTask
  resolve: (outcome: LintOutcome) => void
  reject: (error: unknown) => void
}

/** What a worker lints to warm up: a sentence that wakes the dictionary, the gazetteer and the phrase lists. */
const WARM_UP: WorkerTask = {
  bytes: Buffer.from('The Minister said on Monday that President Niinistö Will meet reporters in helsingissä.\n', 'utf8'),
  fix: 'none'
}

export interface BatcherOptions {
  /** Send a batch to the pool. */
  send: (batch: WorkerTask[]) => Promise<LintOutcome[]>
  /** Lint a batch in this thread when the pool is full. */
  local: (batch: WorkerTask[]) => LintOutcome[]
  /** Called once, when a full batch waits while this thread is busy: start the workers (then `open`). */
  demand?: () => void
}

/**
 * Group tasks into batches and hand each to the pool, or to this thread when
 * the pool is full. A partial batch goes out when the current turn of the event
 * loop ends, so nothing waits for a batch to fill.
 */
export class Batcher {
  private queue: Queued[] = []
  private queuedBytes = 0
  private pooled = 0
  /** Batches the pool takes at once: none until the workers are warm. */
  private capacity = 0
  private localBusy = false
  private scheduled = false
  private demanded = false

  constructor(private readonly options: BatcherOptions) {}

  add(task: WorkerTask): Promise<LintOutcome> {
    return new Promise<LintOutcome>((resolve, reject) => {
      this.queue.push({task, resolve, reject})
      this.queuedBytes += task.bytes.byteLength
      if (this.queuedBytes >= BATCH_BYTES || this.queue.length >= BATCH_TASKS) this.pump()
      else this.schedule()
    })
  }

  /** The workers are ready: let the pool take up to `capacity` batches. */
  open(capacity: number): void {
    this.capacity = capacity
    this.pump()
  }

  private schedule(): void {
    if (this.scheduled) return
    this.scheduled = true
    setImmediate(() => {
      this.scheduled = false
      this.pump()
    })
  }

  /** Hand out batches while someone can take one. */
  private pump(): void {
    while (this.queue.length > 0) {
      if (this.pooled < this.capacity) this.toPool(this.take())
      else if (!this.localBusy) this.toLocal(this.take())
      else {
        if (!this.demanded && (this.queuedBytes >= BATCH_BYTES || this.queue.length >= BATCH_TASKS)) {
          this.demanded = true
          this.options.demand?.()
        }
        return
      }
    }
  }

  /** The first batch of the queue: up to BATCH_BYTES of text or BATCH_TASKS tasks (at least one task). */
  private take(): Queued[] {
    let bytes = 0
    let count = 0
    while (count < this.queue.length && count < BATCH_TASKS && (count === 0 || bytes < BATCH_BYTES)) {
      bytes += this.queue[count].task.bytes.byteLength
      count++
    }
    this.queuedBytes -= bytes
    return this.queue.splice(0, count)
  }

  private toPool(batch: Queued[]): void {
    this.pooled++
    this.options.send(batch.map((queued) => queued.task)).then(
      (outcomes) => {
        this.pooled--
        settle(batch, outcomes)
        this.schedule()
      },
      (error: unknown) => {
        this.pooled--
        for (const queued of batch) queued.reject(error)
        this.schedule()
      }
    )
  }

  /** Lint on the next turn of the event loop, so the workers' results are taken in between. */
  private toLocal(batch: Queued[]): void {
    this.localBusy = true
    setImmediate(() => {
      try {
        settle(batch, this.options.local(batch.map((queued) => queued.task)))
      } catch (error) {
        for (const queued of batch) queued.reject(error)
      }
      this.localBusy = false
      this.schedule()
    })
  }
}

function settle(batch: Queued[], outcomes: LintOutcome[]): void {
  batch.forEach((queued, index) => queued.resolve(outcomes[index]))
}

/** What `start` returns: the task's promise and its weight (input bytes) for the window. */
export interface Started<O> {
  promise: Promise<O>
  weight: number
}

/**
 * Map `inputs` through `start` (which begins a task) with at most `window`
 * in flight, calling `done` for each result in input order.
 */
export async function orderedMap<I, O>(
  inputs: I[],
  window: Window,
  start: (input: I, index: number) => Started<O>,
  done: (output: O, input: I, index: number) => void | Promise<void>
): Promise<void> {
  const pending: Array<Started<O>> = []
  let inFlightBytes = 0
  let next = 0
  const fill = () => {
    while (next < inputs.length && (pending.length === 0 || (pending.length < window.count && inFlightBytes < window.bytes))) {
      const index = next++
      const started = start(inputs[index], index)
      started.promise.catch(() => {}) // rejections are raised when awaited, in order
      inFlightBytes += started.weight
      pending.push(started)
    }
  }
  fill()
  for (let index = 0; index < inputs.length; index++) {
    const head = pending.shift() as Started<O>
    const output = await head.promise
    inFlightBytes -= head.weight
    fill()
    await done(output, inputs[index], index)
  }
}

/** Like orderedMap, for an async stream of inputs (a JSONL corpus of any size). */
export async function orderedStream<I, O>(
  source: AsyncIterable<I>,
  window: Window,
  start: (input: I) => Started<O>,
  done: (output: O, input: I) => void | Promise<void>
): Promise<void> {
  const pending: Array<{input: I; started: Started<O>}> = []
  let inFlightBytes = 0
  const flushOne = async () => {
    const head = pending.shift() as {input: I; started: Started<O>}
    const output = await head.started.promise
    inFlightBytes -= head.started.weight
    await done(output, head.input)
  }
  for await (const input of source) {
    const started = start(input)
    started.promise.catch(() => {}) // raised when awaited, in order
    inFlightBytes += started.weight
    pending.push({input, started})
    while (pending.length > 0 && (pending.length >= window.count || inFlightBytes >= window.bytes)) await flushOne()
  }
  while (pending.length) await flushOne()
}
