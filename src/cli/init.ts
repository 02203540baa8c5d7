/** `newslint init`: write a starter `.linterrc.json` in the current folder. */
import {existsSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'

export const STARTER = {
  extends: ['newslint:recommended'],
  rules: {},
  allow: [],
  sources: [
    {name: 'example-source', files: ['articles/example-source/**'], domains: ['example.com'], rules: {}}
  ],
  ignores: ['**/drafts/**']
}

export function initConfig(cwd: string, stdout: (t: string) => void, stderr: (t: string) => void): number {
  const file = join(cwd, '.linterrc.json')
  if (existsSync(file)) {
    stderr('newslint: .linterrc.json exists already; not overwritten\n')
    return 2
  }
  writeFileSync(file, JSON.stringify(STARTER, null, 2) + '\n')
  stdout('wrote .linterrc.json\n')
  return 0
}
