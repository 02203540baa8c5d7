/** Worker-pool entry: lint one task with the config the pool was started with. */
import Tinypool from 'tinypool'
import {runTask, type LintOutcome, type WorkerSetup, type WorkerTask} from './engine.js'

export default function lintTask(task: WorkerTask): LintOutcome {
  return runTask(Tinypool.workerData as WorkerSetup, task)
}
