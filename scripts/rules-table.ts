/** `npm run docs`: regenerate the README's rules table from rule metadata. */
import {readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {packageRoot} from '../src/data.js'
import {rulesMarkdownTable, updateReadme} from '../src/rules-doc.js'

const readmePath = join(packageRoot(), 'README.md')
if (process.argv.includes('--write')) {
  writeFileSync(readmePath, updateReadme(readFileSync(readmePath, 'utf8')))
  console.log('README.md rules table updated')
} else {
  console.log(rulesMarkdownTable())
}
