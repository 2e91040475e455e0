import { defineProject } from 'vitest/config'

export default defineProject({
  test: {
    name: 'cli',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // The command-line tests start `node` once per case and the browser test starts Chromium;
    // generous for slow 2-core CI machines, no test measures time.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
})
