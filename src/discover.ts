/**
 * Discover the files to lint: paths, folders (recursively, by extension) and
 * globs, minus the config's `ignores` and a `.linterignore` (gitignore syntax).
 */
import {existsSync, readFileSync, statSync} from 'node:fs'
import {extname, isAbsolute, join, relative, resolve, sep} from 'node:path'
import ignore, {type Ignore} from 'ignore'
import {glob, isDynamicPattern} from 'tinyglobby'
import type {ConfigResolver} from './config.js'

export class UsageError extends Error {}

export const IGNORE_FILE = '.linterignore'
const ALWAYS_IGNORED = ['**/node_modules/**', '**/.git/**']

export interface DiscoverOptions {
  cwd: string
  patterns: string[]
  resolver: ConfigResolver
}

function loadIgnoreFile(dir: string): Ignore | undefined {
  const file = join(dir, IGNORE_FILE)
  if (!existsSync(file)) return undefined
  return ignore().add(readFileSync(file, 'utf8'))
}

/** Make an "is this path ignored" test from the config and `.linterignore`. */
export function makeIgnoreTest(cwd: string, resolver: ConfigResolver): (abs: string) => boolean {
  const base = resolver.config.filepath ? resolver.config.dir : cwd
  const ig = loadIgnoreFile(base)
  return (abs: string) => {
    if (resolver.isIgnored(abs)) return true
    if (!ig) return false
    const rel = relative(base, abs)
    if (!rel || rel.startsWith('..') || isAbsolute(rel)) return false
    return ig.ignores(rel.split(sep).join('/'))
  }
}

/** Absolute paths of the files to lint, sorted, without duplicates. */
export async function discover({cwd, patterns, resolver}: DiscoverOptions): Promise<string[]> {
  const extensions = new Set(resolver.config.extensions)
  const isIgnored = makeIgnoreTest(cwd, resolver)
  const found = new Set<string>()
  for (const pattern of patterns.length ? patterns : ['.']) {
    const abs = resolve(cwd, pattern)
    let stat
    try {
      stat = statSync(abs)
    } catch {
      stat = undefined
    }
    if (stat?.isFile()) {
      if (!isIgnored(abs)) found.add(abs)
      continue
    }
    let matches: string[]
    if (stat?.isDirectory()) {
      const all = await glob('**/*', {cwd: abs, absolute: true, dot: false, onlyFiles: true, ignore: ALWAYS_IGNORED})
      matches = all.filter((file) => extensions.has(extname(file).toLowerCase()))
      const kept = matches.filter((file) => !isIgnored(file))
      if (kept.length === 0) {
        throw new UsageError(`no files to lint in "${pattern}" (looked for ${[...extensions].join(', ')}${matches.length ? '; all are ignored' : ''})`)
      }
      kept.forEach((file) => found.add(file))
      continue
    }
    if (!isDynamicPattern(pattern)) throw new UsageError(`no such file or directory: ${pattern}`)
    matches = await glob(pattern, {cwd, absolute: true, onlyFiles: true, ignore: ALWAYS_IGNORED})
    const kept = matches.filter((file) => !isIgnored(file))
    if (kept.length === 0) throw new UsageError(`no files match the pattern "${pattern}"`)
    kept.forEach((file) => found.add(file))
  }
  return [...found].sort()
}
