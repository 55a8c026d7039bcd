/*
 * Included before every source of tar (ports/tar/port.mjs): noux has no
 * network and wasi-libc no resolver (<netdb.h>), so a remote archive's
 * host (`tar -f host:file`, rsh and rmt) never resolves, as on a machine
 * without a network: tar says "Cannot connect to HOST: resolve failed"
 * instead of failing to link.
 */
#define gethostbyname(host) ((void *) 0)
