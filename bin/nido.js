#!/usr/bin/env node
// The `nido` command; the implementation is built into dist/ by `npm run build`.
import('../dist/cli/nido.js').catch((error) => {
  if (error && error.code === 'ERR_MODULE_NOT_FOUND' && String(error.message).includes('dist/cli/nido.js')) {
    console.error('nido: not built yet; run `npm run build` (or `npm install`) first');
    process.exit(2);
  }
  throw error;
});
