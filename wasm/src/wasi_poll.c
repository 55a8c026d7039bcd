/* WASI test: poll_oneoff through poll(), select() and directly: descriptors, timeouts, errors. */
#include <fcntl.h>
#include <poll.h>
#include <string.h>
#include <sys/select.h>
#include <time.h>
#include <unistd.h>
#include <wasi/api.h>
#include "check.h"

static long long milliseconds(void)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	return now.tv_sec * 1000LL + now.tv_nsec / 1000000;
}

/*
 * Descriptor subscriptions on regular files are Nido-only (argument
 * "fds"): the reference polls host files with epoll, which refuses them
 * (EPERM).
 */
static void descriptors(void)
{
	struct pollfd fds[3] = { { 0, POLLIN, 0 }, { 1, POLLOUT, 0 }, { 42, POLLIN, 0 } };
	VALUE("poll stdin, stdout, bad fd", poll(fds, 3, 1000));
	printf("revents: stdin in %d, stdout out %d, bad nval %d\n", (fds[0].revents & POLLIN) != 0,
	       (fds[1].revents & POLLOUT) != 0, (fds[2].revents & POLLNVAL) != 0);

	int fd = open("/data/hello.txt", O_RDONLY);
	char buffer[4];
	(void)!read(fd, buffer, sizeof buffer);
	fd_set readable;
	FD_ZERO(&readable);
	FD_SET(fd, &readable);
	struct timeval timeout = { 0, 10000 };
	VALUE("select file", select(fd + 1, &readable, NULL, NULL, &timeout));
	printf("select: readable %d\n", FD_ISSET(fd, &readable) != 0);

	__wasi_subscription_t subscriptions[2] = {
		{ .userdata = 1, .u = { .tag = __WASI_EVENTTYPE_FD_READ } },
		{ .userdata = 2, .u = { .tag = __WASI_EVENTTYPE_CLOCK } },
	};
	subscriptions[0].u.u.fd_read.file_descriptor = fd;
	subscriptions[1].u.u.clock.id = __WASI_CLOCKID_MONOTONIC;
	subscriptions[1].u.u.clock.timeout = 5000000000ull;
	__wasi_event_t events[2];
	__wasi_size_t count = 0;
	WASI("poll_oneoff file and clock", __wasi_poll_oneoff(subscriptions, events, 2, &count));
	printf("events: %u first userdata %llu type %u error %u\n", (unsigned)count,
	       (unsigned long long)events[0].userdata, (unsigned)events[0].type, (unsigned)events[0].error);
	close(fd);
}

int main(int argc, char **argv)
{
	long long before = milliseconds();
	VALUE("poll nothing, 25 ms", poll(NULL, 0, 25));
	EXPECT("waited 25 ms", milliseconds() - before >= 25);
	CHECK("poll nothing, no timeout", poll(NULL, 0, -1));

	before = milliseconds();
	struct timeval timeout = { 0, 20000 };
	VALUE("select nothing, 20 ms", select(0, NULL, NULL, NULL, &timeout));
	EXPECT("waited 20 ms", milliseconds() - before >= 20);

	__wasi_subscription_t subscription = { .userdata = 1, .u = { .tag = 7 } };
	__wasi_event_t event;
	__wasi_size_t count = 0;
	WASI("poll_oneoff none", __wasi_poll_oneoff(&subscription, &event, 0, &count));
	WASI("poll_oneoff unknown tag", __wasi_poll_oneoff(&subscription, &event, 1, &count));
	if (argc > 1 && strcmp(argv[1], "fds") == 0) descriptors();
	return 0;
}
