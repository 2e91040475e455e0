import { defineConfig } from 'vite'
import { mnistSubsetPlugin } from './tools/mnist-subset-plugin.ts'

export default defineConfig({
  // Relative asset paths: the built page works from any folder or sub-path.
  base: './',
  plugins: [mnistSubsetPlugin()],
  build: { target: 'es2022', chunkSizeWarningLimit: 2048 },
  server: { open: false },
})
