/** The in-order, bounded task window behind --jobs and --jsonl. */
import {describe, expect, it} from 'vitest'
import {autoJobs, AUTO_POOL_BYTES, Batcher, orderedMap, orderedStream, windowFor, BATCH_BYTES, type Started} from '../src/pool.js'
import type {LintOutcome, WorkerTask} from '../src/engine.js'

/** A task of `weight` bytes that finishes after `delay` ms, tracking how much is in flight. */
function tracker() {
  const state = {inFlight: 0, maxInFlight: 0, started: [] as number[]}
  const start = (weight: number, delay: number, value: number): Started<number> => {
    state.started.push(value)
    state.inFlight += weight
    state.maxInFlight = Math.max(state.maxInFlight, state.inFlight)
    const promise = new Promise<number>((done) =>
      setTimeout(() => {
        state.inFlight -= weight
        done(value)
      }, delay)
    )
    return {promise, weight}
  }
  return {state, start}
}

// Out-of-order completion: later inputs finish first.
const delays = [30, 5, 1, 20, 2, 9, 14, 3, 0, 7, 11, 4]

describe('orderedMap', () => {
  it('reports results in input order although tasks finish out of order', async () => {
    const {start} = tracker()
    const seen: number[] = []
    await orderedMap(delays.map((d, i) => ({d, i})), {count: 5, bytes: 1e9}, (x) => start(1, x.d, x.i), (value, input, index) => {
      expect(value).toBe(input.i)
      expect(index).toBe(input.i)
      seen.push(value)
    })
    expect(seen).toEqual(delays.map((_d, i) => i))
  })

  it('keeps at most window.count tasks and about window.bytes in flight', async () => {
    const {state, start} = tracker()
    await orderedMap(delays.map((d, i) => ({d, i})), {count: 4, bytes: 250}, (x) => start(100, x.d, x.i), () => {})
    // 250 bytes of window: a third 100-byte task starts while 200 are in flight, a fourth does not.
    expect(state.maxInFlight).toBe(300)
  })

  it('always runs a task larger than the whole window, one at a time', async () => {
    const {state, start} = tracker()
    const seen: number[] = []
    await orderedMap([0, 1, 2], {count: 10, bytes: 10}, (i) => start(1000, 3 - i, i), (value) => void seen.push(value))
    expect(seen).toEqual([0, 1, 2])
    expect(state.maxInFlight).toBe(1000)
  })

  it('raises a failed task in input order, after the results before it', async () => {
    const seen: number[] = []
    const run = orderedMap([0, 1, 2, 3], {count: 4, bytes: 1e9}, (i): Started<number> => {
      if (i === 2) return {promise: Promise.reject(new Error('cannot read 2')), weight: 0}
      return {promise: new Promise((done) => setTimeout(() => done(i), 10 - i)), weight: 1}
    }, (value) => void seen.push(value))
    await expect(run).rejects.toThrow('cannot read 2')
    expect(seen).toEqual([0, 1])
  })
})

describe('orderedStream', () => {
  async function* source(n: number) {
    for (let i = 0; i < n; i++) yield i
  }

  it('keeps input order and the byte window on a stream', async () => {
    const {state, start} = tracker()
    const seen: number[] = []
    await orderedStream(source(12), {count: 100, bytes: 250}, (i) => start(100, delays[i], i), (value) => void seen.push(value))
    expect(seen).toEqual([...Array(12).keys()])
    expect(state.maxInFlight).toBeLessThanOrEqual(300)
  })
})

describe('windowFor', () => {
  it('is one task at a time without workers, and batches of text with them', () => {
    expect(windowFor(1, 100)).toEqual({count: 1, bytes: 0})
    expect(windowFor(4, 1)).toEqual({count: 1, bytes: 0})
    const two = windowFor(2, 100)
    expect(two.bytes).toBeGreaterThanOrEqual(4 * BATCH_BYTES)
    expect(two.bytes).toBeLessThanOrEqual(4 * 1024 * 1024) // memory stays bounded by the window, not the corpus
  })
})

describe('autoJobs (no --jobs given)', () => {
  it('uses one thread below AUTO_POOL_BYTES of input and every core from there', () => {
    expect(autoJobs([AUTO_POOL_BYTES - 2, 1], 4)).toBe(1)
    expect(autoJobs([AUTO_POOL_BYTES - 2, 1, 1], 4)).toBe(4)
    expect(autoJobs([], 4)).toBe(1)
  })

  it('uses every core for a stream of unknown size, and one on a single core', () => {
    expect(autoJobs(undefined, 4)).toBe(4)
    expect(autoJobs(undefined, 1)).toBe(1)
    expect(autoJobs([AUTO_POOL_BYTES], 1)).toBe(1)
  })

  it('reads the sizes only up to the threshold', () => {
    const read: number[] = []
    function* sizes(): Generator<number> {
      for (let k = 0; k < 10; k++) {
        read.push(k)
        yield AUTO_POOL_BYTES / 2
      }
    }
    expect(autoJobs(sizes(), 2)).toBe(2)
    expect(read).toEqual([0, 1])
  })
})

describe('Batcher', () => {
  const task = (n: number, size = 1000): WorkerTask => ({bytes: new Uint8Array(size).fill(n % 250), fix: 'none'})
  const outcome = (t: WorkerTask): LintOutcome => ({messages: [{reason: `first byte ${t.bytes[0]}`}], bom: false, skipped: false})

  function harness() {
    const sent: WorkerTask[][] = []
    const local: WorkerTask[][] = []
    const batcher = new Batcher({
      send: async (batch) => {
        sent.push(batch)
        await new Promise((done) => setTimeout(done, 5))
        return batch.map(outcome)
      },
      local: (batch) => {
        local.push(batch)
        return batch.map(outcome)
      }
    })
    return {batcher, sent, local}
  }

  it('asks for workers once, only when a full batch waits for this thread', async () => {
    let demands = 0
    const few = new Batcher({send: async (b) => b.map(outcome), local: (b) => b.map(outcome), demand: () => demands++})
    await Promise.all([1, 2, 3].map((n) => few.add(task(n))))
    expect(demands).toBe(0) // a few small files: this thread keeps up
    const many = new Batcher({send: async (b) => b.map(outcome), local: (b) => b.map(outcome), demand: () => demands++})
    await Promise.all(Array.from({length: 100}, (_v, n) => many.add(task(n, 4000))))
    expect(demands).toBe(1)
  })

  it('lints in this thread until the workers are warm', async () => {
    const {batcher, sent, local} = harness()
    const results = await Promise.all([1, 2, 3].map((n) => batcher.add(task(n))))
    expect(results.map((r) => r.messages[0].reason)).toEqual(['first byte 1', 'first byte 2', 'first byte 3'])
    expect(sent).toHaveLength(0)
    expect(local.flat()).toHaveLength(3)
  })

  it('then sends batches of at most BATCH_BYTES (or one task) to the pool, and each task gets its own outcome', async () => {
    const {batcher, sent, local} = harness()
    batcher.open(2)
    const tasks = Array.from({length: 200}, (_v, n) => task(n, n === 7 ? BATCH_BYTES * 2 : 3000))
    const results = await Promise.all(tasks.map((t) => batcher.add(t)))
    expect(results.map((r) => r.messages[0].reason)).toEqual(tasks.map((t) => `first byte ${t.bytes[0]}`))
    expect(sent.length).toBeGreaterThan(0)
    for (const batch of [...sent, ...local]) {
      const bytes = batch.reduce((sum, t) => sum + t.bytes.byteLength, 0)
      expect(batch.length === 1 || bytes - batch[batch.length - 1].bytes.byteLength < BATCH_BYTES).toBe(true)
    }
    expect([...sent, ...local].flat()).toHaveLength(200)
  })
})
