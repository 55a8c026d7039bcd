/*
 * Helpers of Nido's WASI test programs (wasm/src/wasi_*.c). Each check
 * prints one line, "what: result", where the result is a value, "ok", or
 * the errno's name: stable text that the tests compare between Nido and
 * the reference implementation.
 */
#ifndef NIDO_CHECK_H
#define NIDO_CHECK_H

#include <errno.h>
#include <stdio.h>
#include <string.h>

static inline const char *errno_name(int e)
{
	switch (e) {
	case 0: return "0";
	case E2BIG: return "E2BIG"; case EACCES: return "EACCES"; case EAGAIN: return "EAGAIN";
	case EBADF: return "EBADF"; case EBUSY: return "EBUSY"; case EEXIST: return "EEXIST";
	case EFAULT: return "EFAULT"; case EFBIG: return "EFBIG"; case EINVAL: return "EINVAL";
	case EIO: return "EIO"; case EISDIR: return "EISDIR"; case ELOOP: return "ELOOP";
	case EMFILE: return "EMFILE"; case ENAMETOOLONG: return "ENAMETOOLONG"; case ENOBUFS: return "ENOBUFS";
	case ENOENT: return "ENOENT"; case ENOMEM: return "ENOMEM"; case ENOSPC: return "ENOSPC";
	case ENOSYS: return "ENOSYS"; case ENOTDIR: return "ENOTDIR"; case ENOTEMPTY: return "ENOTEMPTY";
	case ENOTSUP: return "ENOTSUP"; case ENOTTY: return "ENOTTY"; case EPERM: return "EPERM";
	case EPIPE: return "EPIPE"; case EROFS: return "EROFS"; case ESPIPE: return "ESPIPE";
	case EXDEV: return "EXDEV"; case ENOTCAPABLE: return "ENOTCAPABLE"; case EOVERFLOW: return "EOVERFLOW";
	case EILSEQ: return "EILSEQ"; case ENOTSOCK: return "ENOTSOCK";
	default: {
		static char other[32];
		snprintf(other, sizeof other, "errno %d", e);
		return other;
	}
	}
}

/* A libc call that answers -1 and errno on failure. */
#define CHECK(what, call) do { \
	errno = 0; \
	long check_result_ = (long)(call); \
	if (check_result_ < 0) printf("%s: %s\n", (what), errno_name(errno)); \
	else printf("%s: ok\n", (what)); \
} while (0)

/* A libc call whose non-negative result is printed. */
#define VALUE(what, call) do { \
	errno = 0; \
	long check_result_ = (long)(call); \
	if (check_result_ < 0) printf("%s: %s\n", (what), errno_name(errno)); \
	else printf("%s: %ld\n", (what), check_result_); \
} while (0)

/* A direct WASI call answering an errno. */
#define WASI(what, call) do { \
	int check_errno_ = (int)(call); \
	printf("%s: %s\n", (what), check_errno_ == 0 ? "ok" : errno_name(check_errno_)); \
} while (0)

/* A condition that should hold. */
#define EXPECT(what, condition) printf("%s: %s\n", (what), (condition) ? "yes" : "no")

#endif
