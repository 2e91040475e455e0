import { defineProject } from 'vitest/config'

export default defineProject({
  test: {
    name: 'onnx',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // Generous for slow 2-core CI machines; no test measures time.
    testTimeout: 30_000,
  },
})
