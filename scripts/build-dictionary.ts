/** Part of `npm run build`: save nspell's expanded English tables for fast start-up (see src/dictionary.ts). */
import {writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {packageRoot} from '../src/data.js'
import {SNAPSHOT_FILE, snapshotOf} from '../src/dictionary.js'

writeFileSync(join(packageRoot(), 'dist', SNAPSHOT_FILE), snapshotOf())
