import { defineProject } from 'vitest/config'

export default defineProject({
  test: {
    name: 'tfjs',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // Generous for slow 2-core CI machines; no test measures time.
    testTimeout: 60_000,
  },
})
