/*
 * Time zones: wasi-libc's localtime is UTC, and noux has no zone tables,
 * so the zone is UTC whatever TZ says. tzset and the variables it sets
 * (hidden by wasi-libc for want of tables) exist, naming UTC, for programs
 * that call them (GNU date through gnulib's time_rz).
 */
#include <time.h>

char *tzname[2] = { "UTC", "UTC" };
int daylight;
long timezone;

void tzset(void) {}
