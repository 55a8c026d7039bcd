/* WASI test: sched_yield, the sock_* calls (no descriptor is a socket) and, on request, proc_raise and growing memory. */
#include <sched.h>
#include <sys/socket.h>
#include <stdlib.h>
#include <string.h>
#include <wasi/api.h>
#include "check.h"

/* proc_raise is part of preview 1 but not declared by this wasi-libc. */
__attribute__((import_module("wasi_snapshot_preview1"), import_name("proc_raise")))
extern uint16_t nido_proc_raise(uint8_t signal);

int main(int argc, char **argv)
{
	CHECK("sched_yield", sched_yield());
	WASI("sched_yield direct", __wasi_sched_yield());
	__wasi_fd_t accepted = 0;
	WASI("sock_accept", __wasi_sock_accept(0, 0, &accepted));
	char data[8];
	__wasi_iovec_t in = { (uint8_t *)data, sizeof data };
	__wasi_ciovec_t out = { (const uint8_t *)data, sizeof data };
	__wasi_size_t size = 0;
	__wasi_roflags_t roflags = 0;
	WASI("sock_recv", __wasi_sock_recv(0, &in, 1, 0, &size, &roflags));
	WASI("sock_send", __wasi_sock_send(1, &out, 1, 0, &size));
	WASI("sock_shutdown", __wasi_sock_shutdown(1, __WASI_SDFLAGS_RD));
	WASI("sock_shutdown bad fd", __wasi_sock_shutdown(77, __WASI_SDFLAGS_RD));
	WASI("sock_accept bad fd", __wasi_sock_accept(77, 0, &accepted));
	CHECK("shutdown", shutdown(1, SHUT_RD));
	CHECK("shutdown bad fd", shutdown(77, SHUT_RD));
	/* The reference raises the signal in its own host process; ask for this only under Nido. */
	if (argc > 1 && strcmp(argv[1], "raise") == 0) WASI("proc_raise", nido_proc_raise(15));
	/* Grows the linear memory by 64 MiB (for the runtime's memory limit). */
	if (argc > 1 && strcmp(argv[1], "grow") == 0) {
		char *volatile block = malloc(64 << 20);
		if (block != NULL) memset(block, 1, 64 << 20);
		printf("grown: %s\n", block != NULL && block[(64 << 20) - 1] == 1 ? "yes" : "no");
		free(block);
	}
	return 0;
}
