/*
 * <dirent.h> for programs on noux: wasi-libc's, plus DT_SOCK, which
 * wasi-libc leaves out (its DT_FIFO is WASI's stream socket): WASI's
 * datagram socket type, which noux never reports, so that a program's
 * `case DT_SOCK:` compiles (GNU ls and fts have one).
 */
#ifndef _NIDO_DIRENT_H
#define _NIDO_DIRENT_H

#include_next <dirent.h>

#ifndef DT_SOCK
#define DT_SOCK __WASI_FILETYPE_SOCKET_DGRAM
#endif

#endif
