import { defineProject } from 'vitest/config'

export default defineProject({
  test: {
    name: 'playground',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // The browser test builds the app and drives Chromium: minutes, not the default 5 s.
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
})
