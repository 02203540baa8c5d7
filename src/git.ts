/** Git plumbing for `--staged` and `install-hook`: read what is staged, not the working tree. */
import {execFileSync} from 'node:child_process'
import {resolve} from 'node:path'

export class GitError extends Error {}

function git(cwd: string, args: string[]): Buffer {
  try {
    return execFileSync('git', args, {cwd, maxBuffer: 1 << 30, stdio: ['ignore', 'pipe', 'pipe']})
  } catch (error) {
    const stderr = String((error as {stderr?: Buffer}).stderr ?? '').trim()
    throw new GitError(`git ${args[0]} failed${stderr ? `: ${stderr.split('\n')[0]}` : ''}`)
  }
}

export function repoRoot(cwd: string): string {
  return git(cwd, ['rev-parse', '--show-toplevel']).toString().trim()
}

export function hooksDir(cwd: string): string {
  return resolve(cwd, git(cwd, ['rev-parse', '--git-path', 'hooks']).toString().trim())
}

/** Absolute paths of files added, copied, modified or renamed in the index. */
export function stagedPaths(cwd: string): string[] {
  const root = repoRoot(cwd)
  const out = git(root, ['diff', '--cached', '--name-only', '-z', '--diff-filter=ACMR']).toString()
  return out.split('\0').filter(Boolean).map((rel) => resolve(root, rel))
}

/** The staged blob of a file (the index version, not the working tree). */
export function stagedBlob(root: string, abs: string): Buffer {
  const rel = abs.slice(root.length + 1).split('\\').join('/')
  return git(root, ['show', `:${rel}`])
}
