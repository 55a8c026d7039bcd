/* WASI test: clock_res_get, clock_time_get, poll_oneoff with clock subscriptions (sleeping). */
#include <string.h>
#include <time.h>
#include <wasi/api.h>
#include "check.h"

static __wasi_timestamp_t now(__wasi_clockid_t id)
{
	__wasi_timestamp_t t = 0;
	(void)!__wasi_clock_time_get(id, 1, &t);
	return t;
}

int main(int argc, char **argv)
{
	const __wasi_clockid_t ids[] = { __WASI_CLOCKID_REALTIME, __WASI_CLOCKID_MONOTONIC,
	                                  __WASI_CLOCKID_PROCESS_CPUTIME_ID, __WASI_CLOCKID_THREAD_CPUTIME_ID };
	for (unsigned i = 0; i < 4; i++) {
		__wasi_timestamp_t resolution = 0, time = 0;
		char what[64];
		snprintf(what, sizeof what, "clock %u res", (unsigned)ids[i]);
		WASI(what, __wasi_clock_res_get(ids[i], &resolution));
		snprintf(what, sizeof what, "clock %u res positive", (unsigned)ids[i]);
		EXPECT(what, resolution > 0);
		snprintf(what, sizeof what, "clock %u time", (unsigned)ids[i]);
		WASI(what, __wasi_clock_time_get(ids[i], 1, &time));
	}
	__wasi_timestamp_t t = 0;
	WASI("clock 99 time", __wasi_clock_time_get(99, 1, &t));
	WASI("clock 99 res", __wasi_clock_res_get(99, &t));
	WASI("clock time to bad memory", __wasi_clock_time_get(__WASI_CLOCKID_MONOTONIC, 1, (__wasi_timestamp_t *)0xfffffffcu));

	__wasi_timestamp_t before = now(__WASI_CLOCKID_MONOTONIC);
	struct timespec pause = { 0, 30 * 1000 * 1000 };
	CHECK("nanosleep 30 ms", nanosleep(&pause, NULL));
	__wasi_timestamp_t after = now(__WASI_CLOCKID_MONOTONIC);
	EXPECT("slept at least 30 ms", after - before >= 30ull * 1000 * 1000);
	EXPECT("monotonic never goes back", now(__WASI_CLOCKID_MONOTONIC) >= after);

	/*
	 * An absolute timeout 20 ms from now on the monotonic clock. Only with
	 * the argument "abstime": node:wasi (uvwasi) takes absolute timeouts
	 * as relative ones and would sleep for the machine's uptime.
	 */
	if (argc > 1 && strcmp(argv[1], "abstime") == 0) {
	__wasi_subscription_t sub = { .userdata = 42, .u = { .tag = __WASI_EVENTTYPE_CLOCK } };
	sub.u.u.clock.id = __WASI_CLOCKID_MONOTONIC;
	sub.u.u.clock.timeout = now(__WASI_CLOCKID_MONOTONIC) + 20ull * 1000 * 1000;
	sub.u.u.clock.flags = __WASI_SUBCLOCKFLAGS_SUBSCRIPTION_CLOCK_ABSTIME;
	__wasi_event_t event;
	__wasi_size_t events = 0;
	WASI("poll absolute clock", __wasi_poll_oneoff(&sub, &event, 1, &events));
	printf("events: %u userdata %llu type %u error %u\n", (unsigned)events, (unsigned long long)event.userdata,
	       (unsigned)event.type, (unsigned)event.error);
	EXPECT("absolute deadline passed", now(__WASI_CLOCKID_MONOTONIC) >= sub.u.u.clock.timeout);
	}

	/* The wall clock's year: the runtime under test gets an rtc with the current time. */
	time_t wall = time(NULL);
	struct tm *utc = gmtime(&wall);
	printf("year: %d\n", utc->tm_year + 1900);
	return 0;
}
