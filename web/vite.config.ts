// Builds the UI into static files for the C++ server. The output directory comes from the
// command line (`npm run build -- --outDir ../build/web --emptyOutDir`); `dist/` otherwise.
// Nothing may be inlined (the server's CSP is default-src 'self': no data: URIs, no inline
// scripts or styles), so small assets stay files.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  build: {
    outDir: 'dist',
    assetsInlineLimit: 0,
    sourcemap: true,
    target: 'es2020',
    modulePreload: { polyfill: false },
    cssCodeSplit: false,
  },
  server: {
    // `npm run dev` against a local server: SAFEHUB_API=http://127.0.0.1:8080
    proxy: { '/api': process.env.SAFEHUB_API ?? 'http://127.0.0.1:8080' },
  },
  test: { environment: 'node', include: ['src/**/*.test.ts'] },
});
