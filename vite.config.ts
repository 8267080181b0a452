import zlib from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { compression, defineAlgorithm } from 'vite-plugin-compression2';

// The web app lives in web/ and is built into dist/web, which the Fastify server serves.
export default defineConfig({
  root: 'web',
  plugins: [
    react(),
    // Every text asset also as .br and .gz, compressed once at build at the highest levels; the
    // server sends the one the browser accepts (@fastify/static preCompressed), never compressing
    // on the fly. On a village's weak link this is most of the first load's time.
    compression({
      algorithms: [defineAlgorithm('brotliCompress', { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY } }), defineAlgorithm('gzip', { level: 9 })],
      include: /\.(js|mjs|css|html|svg|json)$/,
      threshold: 1024,
    }),
  ],
  build: {
    outDir: '../dist/web',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1000,
    // Chunks follow the code: each page loads the Ant Design components it uses, ECharts only where
    // charts are drawn. .vite/manifest.json lets e2e/bundles.test.ts add up what each path loads.
    manifest: true,
  },
  server: {
    proxy: { '/api': 'http://127.0.0.1:3000' },
  },
});
