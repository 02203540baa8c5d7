/** Load data files shipped in `rules/data/` (works from the sources and from `dist/`). */
import {existsSync, readFileSync} from 'node:fs'
import {dirname, join} from 'node:path'
import {fileURLToPath} from 'node:url'

let root: string | undefined

/** The package root: the nearest folder above this module holding `rules/data`. */
export function packageRoot(): string {
  if (root) return root
  let dir = dirname(fileURLToPath(import.meta.url))
  for (;;) {
    if (existsSync(join(dir, 'rules', 'data')) && existsSync(join(dir, 'package.json'))) {
      root = dir
      return dir
    }
    const parent = dirname(dir)
    if (parent === dir) throw new Error('newslint: cannot find rules/data')
    dir = parent
  }
}

const cache = new Map<string, unknown>()

/** Parse `rules/data/<name>` once per process. */
export function loadData<T>(name: string): T {
  let value = cache.get(name)
  if (value === undefined) {
    value = JSON.parse(readFileSync(join(packageRoot(), 'rules', 'data', name), 'utf8'))
    cache.set(name, value)
  }
  return value as T
}

/** The package version, from package.json. */
export function packageVersion(): string {
  return (JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as {version: string}).version
}
