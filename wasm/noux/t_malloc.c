/*
 * t_malloc: memory grown by megabytes between two system calls, and a
 * refusal met gracefully. Under noux, malloc's sbrk asks noux for room in
 * the process's quota first (wasm/posix/src/sbrk.c): an allocation noux
 * can pay for works however large the step, one it cannot is NULL with
 * ENOMEM, and the program goes on. Allocates blocks of 16 MiB, each
 * written whole, until malloc answers NULL or LIMIT_MIB are held; prints
 * whether the limit was met (on Linux it is: the harness compares that
 * line specially, as noux with a small quota refuses first), that the
 * memory held what was written, and that after freeing it all a block
 * can be had again. First, the memory sysconf says the system has (under
 * noux: noux's RAM, which its processes are given from) and that what is
 * available is part of it.
 */
#include "noux_check.h"
#include <stdlib.h>
#include <string.h>

#define BLOCK (16u << 20)

/*
 * errno as malloc left it: read in a function of its own, since clang
 * takes malloc for a call that leaves errno alone and would answer an
 * errno set before the call.
 */
static int __attribute__((noinline)) malloc_errno(void)
{
	return errno;
}
#define LIMIT_MIB 256
#define BLOCKS (LIMIT_MIB / 16)

int main(void)
{
	noux_start(120);
	long page = sysconf(_SC_PAGESIZE), phys = sysconf(_SC_PHYS_PAGES), avail = sysconf(_SC_AVPHYS_PAGES);
	printf("physical memory: %lld MiB\n", page > 0 && phys > 0 ? (long long)phys * page >> 20 : -1LL);
	EXPECT("available memory a part of it", avail >= 0 && avail <= phys);
	char *blocks[BLOCKS];
	int held = 0, refused = 0, failure = 0;
	while (held < BLOCKS) {
		char *block = malloc(BLOCK);
		if (block == NULL) {
			refused = 1;
			failure = malloc_errno();
			break;
		}
		memset(block, 'a' + held % 26, BLOCK);
		blocks[held++] = block;
	}
	if (!refused) printf("malloc refused: none (limit %d MiB)\n", LIMIT_MIB);
	else if (failure == 0) printf("malloc refused: NULL without errno\n");
	else printf("malloc refused: %s\n", errno_name(failure));
	int intact = held > 0;
	for (int i = 0; i < held; i++) {
		if (blocks[i][0] != 'a' + i % 26 || blocks[i][BLOCK - 1] != 'a' + i % 26) intact = 0;
	}
	EXPECT("the blocks held what was written", intact);
	for (int i = 0; i < held; i++) free(blocks[i]);
	char *again = malloc(BLOCK);
	EXPECT("a block again after freeing", again != NULL);
	if (again != NULL) {
		memset(again, 'z', BLOCK);
		free(again);
	}
	printf("done\n");
	return 0;
}
