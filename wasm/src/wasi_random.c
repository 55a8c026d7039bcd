/* WASI test: random_get. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <wasi/api.h>
#include "check.h"

int main(void)
{
	unsigned char a[64], b[64];
	memset(a, 0, sizeof a);
	memset(b, 0, sizeof b);
	CHECK("getentropy 64", getentropy(a, sizeof a));
	CHECK("getentropy 64 again", getentropy(b, sizeof b));
	EXPECT("two draws differ", memcmp(a, b, sizeof a) != 0);
	CHECK("getentropy 257", getentropy(a, 257));

	size_t big = 200000;
	unsigned char *buffer = calloc(1, big);
	WASI("random_get 200000", __wasi_random_get(buffer, big));
	size_t zeros = 0;
	for (size_t i = big - 1000; i < big; i++) zeros += buffer[i] == 0;
	EXPECT("the tail is filled too", zeros < 100);
	WASI("random_get 0", __wasi_random_get(buffer, 0));
	WASI("random_get outside memory", __wasi_random_get((uint8_t *)0xffff0000u, 0x20000));
	printf("arc4random differs: %s\n", arc4random() != arc4random() ? "yes" : "no");
	return 0;
}
