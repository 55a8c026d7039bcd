/*
 * The clock the benchmark programs (b_*.c) time themselves with, under
 * noux and natively alike.
 */
#ifndef _B_CLOCK_H
#define _B_CLOCK_H

#include <time.h>

static inline long long now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

#endif
