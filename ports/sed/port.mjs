// GNU sed from Debian's source package `sed`, built for noux with nido
// cc's toolchain and installed into sed.tar (bin/sed) by its own
// `make install`.

import { execFileSync } from 'node:child_process';

/** The Debian source package. */
export const source = 'sed';
export const runtime = 'noux';
export const tar = { name: 'sed.tar', tree: '.nido-install' };

export async function build(port) {
  const machine = execFileSync('sh', [port.path('build-aux/config.guess')], { encoding: 'utf8' }).trim();
  await port.configure([`--build=${machine}`, '--disable-nls', '--without-selinux', '--disable-acl', '--disable-threads'], {
    /* One thread per process: setlocale(NULL) cannot race (else gnulib locks with C11 mtx_*, which wasi-libc declares but has not). */
    gl_cv_func_setlocale_null_all_mtsafe: 'yes',
    gl_cv_func_setlocale_null_one_mtsafe: 'yes',
  });
  await port.make(['SUBDIRS=po .']);
  await port.make(['SUBDIRS=po .', 'install', `DESTDIR=${port.path('.nido-install')}`]);
}
