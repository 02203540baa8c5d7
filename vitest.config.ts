import {defineConfig} from 'vitest/config'

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // Many tests run the real CLI in a child process; a busy 2-core machine needs room.
    testTimeout: 60_000,
    hookTimeout: 60_000
  }
})
