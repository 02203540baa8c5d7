/**
 * `npm run bench`: build a corpus in a temporary folder (the seeds repeated to
 * ~10 MB of ~5 KB files) and measure, each in its own process so peak memory
 * is its own: parse-english alone, and the full newslint CLI path (discover,
 * config, parse, default rules, json report) with --jobs 1 and --jobs N; and
 * N parse-english processes at once, the most any N-thread run can gain on
 * this machine (cores of a shared virtual machine are not independent).
 *
 *   npm run bench                 # 10 MB
 *   BENCH_MB=2 npm run bench      # smaller corpus
 *   BENCH_PEERS=1 npm run bench   # also alex and textlint, installed in a temp folder
 *   BENCH_RUNS=5 npm run bench    # runs per measurement (median reported; default 3)
 */
import {execFile, execFileSync, spawnSync} from 'node:child_process'
import {promisify} from 'node:util'
import {mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync} from 'node:fs'
import {availableParallelism, tmpdir} from 'node:os'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'
import {unified} from 'unified'
import retextEnglish from 'retext-english'
import {packageRoot} from '../src/data.js'

interface Result {
  label: string
  seconds: number
  bytes: number
  maxRssMb: number
  /** CPU time of the process (all threads) over wall time, while the clock ran. */
  cpu?: number
  note?: string
}

function buildCorpus(dir: string, targetBytes: number): {files: number; bytes: number} {
  const seedsDir = join(packageRoot(), 'seeds')
  const seeds = readdirSync(seedsDir).sort().map((name) => readFileSync(join(seedsDir, name)))
  let bytes = 0
  let files = 0
  while (bytes < targetBytes) {
    const seed = seeds[files % seeds.length]
    const sub = join(dir, `part${String(Math.floor(files / 500)).padStart(3, '0')}`)
    if (files % 500 === 0) mkdirSync(sub, {recursive: true})
    writeFileSync(join(sub, `article-${String(files).padStart(6, '0')}.txt`), seed)
    bytes += seed.length
    files++
  }
  return {files, bytes}
}

function listFiles(dir: string): string[] {
  const out: string[] = []
  for (const entry of readdirSync(dir, {withFileTypes: true})) {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) out.push(...listFiles(path))
    else out.push(path)
  }
  return out.sort()
}

/** Child mode: run one measurement in this process and print it as JSON. */
async function child(mode: string, dir: string, jobs: string): Promise<void> {
  const files = listFiles(dir)
  let bytes = 0
  // Both modes load their modules before the clock starts (start-up is measured
  // on its own, for one small file); the clock covers reading, parsing or
  // linting, and (newslint) writing the report.
  if (mode === 'parse') {
    const processor = unified().use(retextEnglish).freeze()
    const cpuStart = process.cpuUsage()
    const start = process.hrtime.bigint()
    for (const file of files) {
      const text = readFileSync(file, 'utf8')
      bytes += Buffer.byteLength(text)
      processor.parse(text)
    }
    report(start, cpuStart, bytes)
  } else {
    for (const file of files) bytes += statSync(file).size
    const {tuneV8} = await import('../src/runtime.js')
    tuneV8() // as bin/newslint.js does
    const {main} = await import('../src/cli/main.js')
    const args = [dir, '--format', 'json', '--output', join(tmpdir(), `newslint-bench-${process.pid}.json`)]
    if (jobs !== '0') args.push('--jobs', jobs)
    const cpuStart = process.cpuUsage()
    const start = process.hrtime.bigint()
    const code = await main(args, {
      cwd: dir,
      stdout: () => {},
      stderr: (text) => process.stderr.write(text),
      readStdin: async () => Buffer.alloc(0),
      isTTY: false
    })
    if (code === 2) throw new Error('newslint failed')
    report(start, cpuStart, bytes)
  }
}

function report(start: bigint, cpuStart: NodeJS.CpuUsage, bytes: number): void {
  const seconds = Number(process.hrtime.bigint() - start) / 1e9
  const cpu = process.cpuUsage(cpuStart)
  const result: Run = {seconds, bytes, maxRssMb: process.resourceUsage().maxRSS / 1024, cpu: (cpu.user + cpu.system) / 1e6 / seconds}
  process.stdout.write(JSON.stringify(result) + '\n')
}

/** Runs per measurement (BENCH_RUNS, default 3): the median is reported, all are listed. */
const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? 3))

interface Measurement {
  label: string
  mode: string
  jobs: string
  /** Processes run at once on the corpus (default 1): their bytes add up, the slowest one's time counts. */
  copies?: number
}

type Run = Omit<Result, 'label' | 'note'>

const execFileAsync = promisify(execFile)

async function runChild(m: Measurement, dir: string): Promise<Run> {
  const self = fileURLToPath(import.meta.url)
  const one = async (): Promise<Run> => {
    try {
      const {stdout} = await execFileAsync(process.execPath, [self, '--child', m.mode, dir, m.jobs], {encoding: 'utf8', maxBuffer: 1 << 26})
      return JSON.parse(stdout.trim().split('\n').pop() as string) as Run
    } catch (error) {
      throw new Error(`${m.label} failed: ${(error as {stderr?: string}).stderr ?? String(error)}`)
    }
  }
  const runs = await Promise.all(Array.from({length: m.copies ?? 1}, one))
  const seconds = Math.max(...runs.map((r) => r.seconds))
  return {
    seconds,
    bytes: runs.reduce((sum, r) => sum + r.bytes, 0),
    maxRssMb: Math.max(...runs.map((r) => r.maxRssMb)),
    cpu: runs.reduce((sum, r) => sum + (r.cpu ?? 0) * r.seconds, 0) / seconds
  }
}

/**
 * Run every measurement RUNS times, in rounds (parse, --jobs 1, --jobs N, parse,
 * ...), so a machine that speeds up or slows down during the bench (shared
 * virtual machines do) moves all of them alike and the ratios stay fair.
 */
async function measureAll(measurements: Measurement[], dir: string): Promise<Result[]> {
  const runs: Run[][] = measurements.map(() => [])
  for (let k = 0; k < RUNS; k++) {
    for (const [i, m] of measurements.entries()) runs[i].push(await runChild(m, dir))
  }
  return measurements.map((m, i) => {
    const sorted = [...runs[i]].sort((a, b) => a.seconds - b.seconds)
    const median = sorted[Math.floor((sorted.length - 1) / 2)]
    const note = RUNS > 1 ? `runs: ${runs[i].map((r) => r.seconds.toFixed(2)).join(', ')} s` : undefined
    return {label: m.label, ...median, maxRssMb: Math.max(...runs[i].map((r) => r.maxRssMb)), note}
  })
}

function measureCommand(label: string, command: string, args: string[], cwd: string, bytes: number): Result {
  const start = process.hrtime.bigint()
  const run = spawnSync('/usr/bin/time', ['-f', '%M', command, ...args], {cwd, encoding: 'utf8', maxBuffer: 1 << 28})
  const seconds = Number(process.hrtime.bigint() - start) / 1e9
  const lines = (run.stderr ?? '').trim().split('\n')
  const kb = Number(lines[lines.length - 1])
  return {label, seconds, bytes, maxRssMb: Number.isFinite(kb) ? kb / 1024 : NaN, note: run.status === null ? 'killed' : undefined}
}

function peers(dir: string, bytes: number): Result[] {
  const tools = mkdtempSync(join(tmpdir(), 'newslint-peers-'))
  try {
    execFileSync('npm', ['init', '-y'], {cwd: tools, stdio: 'ignore'})
    execFileSync('npm', ['install', '--no-audit', '--no-fund', 'alex', 'textlint', 'textlint-rule-no-todo'], {cwd: tools, stdio: 'ignore'})
    writeFileSync(join(tools, '.textlintrc.json'), JSON.stringify({rules: {'no-todo': true}}))
    const bin = join(tools, 'node_modules', '.bin')
    return [
      measureCommand('alex --text', join(bin, 'alex'), ['--text', '--quiet', dir], tools, bytes),
      measureCommand('textlint (1 rule)', join(bin, 'textlint'), ['--config', join(tools, '.textlintrc.json'), '--rules-base-directory', join(tools, 'node_modules'), `${dir}/**/*.txt`], tools, bytes)
    ]
  } finally {
    rmSync(tools, {recursive: true, force: true})
  }
}

function mbps(result: Result): number {
  return result.bytes / 1e6 / result.seconds
}

async function bench(): Promise<void> {
  const targetMb = Number(process.env.BENCH_MB ?? 10)
  const dir = mkdtempSync(join(tmpdir(), 'newslint-bench-'))
  try {
    const corpus = buildCorpus(dir, targetMb * 1e6)
    const cores = availableParallelism()
    console.log(`corpus: ${corpus.files} files, ${(corpus.bytes / 1e6).toFixed(1)} MB (the seeds repeated) in ${dir}`)
    console.log(`node ${process.version}, ${cores} cores\n`)
    const measurements: Measurement[] = [
      {label: 'parse-english only', mode: 'parse', jobs: '0'},
      {label: 'newslint --jobs 1', mode: 'full', jobs: '1'}
    ]
    if (cores > 1) {
      measurements.push({label: `newslint --jobs ${cores}`, mode: 'full', jobs: String(cores)})
      // What the machine itself gives N independent single-threaded processes: the ceiling of any speed-up.
      measurements.push({label: `parse-english only, ${cores} processes at once`, mode: 'parse', jobs: '0', copies: cores})
    }
    const results = await measureAll(measurements, dir)
    if (process.env.BENCH_PEERS) results.push(...peers(dir, corpus.bytes))
    const base = mbps(results[0])
    console.log(`median of ${RUNS} run${RUNS === 1 ? '' : 's'} each (BENCH_RUNS), taken in rounds; modules are loaded before the clock starts;`)
    console.log('CPU: process CPU time (all threads: lint, V8 compiler and GC helpers) over wall time\n')
    console.log('| run | seconds | MB/s | vs parse | CPU | peak RSS MB | notes |')
    console.log('|---|---|---|---|---|---|---|')
    for (const r of results) {
      console.log(`| ${r.label} | ${r.seconds.toFixed(2)} | ${mbps(r).toFixed(2)} | ${(mbps(r) / base).toFixed(2)} | ${r.cpu === undefined ? '' : r.cpu.toFixed(2)} | ${r.maxRssMb.toFixed(0)} | ${r.note ?? ''} |`)
    }
    if (cores > 1) {
      console.log(`\nparallel speed-up (--jobs ${cores} vs --jobs 1): ${(mbps(results[2]) / mbps(results[1])).toFixed(2)}x`)
      console.log(`machine ceiling (${cores} parse-english processes at once vs one): ${(mbps(results[3]) / base).toFixed(2)}x`)
    }
  } finally {
    rmSync(dir, {recursive: true, force: true})
  }
}

if (process.argv[2] === '--child') {
  await child(process.argv[3], process.argv[4], process.argv[5])
} else {
  await bench()
}
