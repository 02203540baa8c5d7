/** `newslint install-hook`: a git pre-commit hook that lints what is staged. */
import {existsSync, mkdirSync, readFileSync, writeFileSync, chmodSync} from 'node:fs'
import {join, relative} from 'node:path'
import {fileURLToPath} from 'node:url'
import {hooksDir, repoRoot} from '../git.js'

export const HOOK_MARKER = '# newslint pre-commit hook'

/** The hook script: a project-local newslint if there is one, else this installation. */
export function hookScript(root: string): string {
  const local = join(root, 'node_modules', '.bin', 'newslint')
  const bin = fileURLToPath(new URL('../../../bin/newslint.js', import.meta.url))
  const fallback = `"${process.execPath}" "${bin}"`
  return `#!/bin/sh
${HOOK_MARKER} (written by \`newslint install-hook\`; remove this file to uninstall)
# Lints the staged version of staged articles; a finding at error severity blocks the commit.
if [ -x "${relative(root, local)}" ]; then
  exec "${relative(root, local)}" --staged --no-color
fi
exec ${fallback} --staged --no-color
`
}

export function installHook(cwd: string, force: boolean, stdout: (t: string) => void, stderr: (t: string) => void): number {
  const root = repoRoot(cwd)
  const dir = hooksDir(cwd)
  const hook = join(dir, 'pre-commit')
  if (existsSync(hook)) {
    const current = readFileSync(hook, 'utf8')
    if (!current.includes(HOOK_MARKER) && !force) {
      stderr(`newslint: ${relative(cwd, hook) || hook} exists and is not newslint's; use --force to replace it, or call \`newslint --staged\` from it\n`)
      return 2
    }
  }
  mkdirSync(dir, {recursive: true})
  writeFileSync(hook, hookScript(root))
  chmodSync(hook, 0o755)
  stdout(`installed ${relative(cwd, hook) || hook}\n`)
  return 0
}
