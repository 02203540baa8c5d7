/** Worker-pool entry: lint one batch of tasks with the config the pool was started with. */
import Tinypool from 'tinypool'
import {runTask, type LintOutcome, type WorkerSetup, type WorkerTask} from './engine.js'

export default function lintBatch(batch: WorkerTask[]): LintOutcome[] {
  const setup = Tinypool.workerData as WorkerSetup
  return batch.map((task) => runTask(setup, task))
}
