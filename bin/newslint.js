#!/usr/bin/env node
import {tuneV8} from '../dist/src/runtime.js'

tuneV8() // before the rules load
const {main} = await import('../dist/src/cli/main.js')

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code
  },
  (error) => {
    console.error('newslint: internal error: ' + (error && error.stack ? error.stack : String(error)))
    process.exitCode = 2
  }
)
