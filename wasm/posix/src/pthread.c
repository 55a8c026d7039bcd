/*
 * POSIX threads for a process of one thread (<pthread.h>). Creating a
 * thread fails with EAGAIN, as on a system out of threads, so a program
 * that can work in one thread goes on in it. Everything else acts as it
 * would with only the calling thread: a lock is taken and released (the
 * count of a recursive one kept, a second lock of a normal mutex, which
 * would wait for ever, is EDEADLK), a wait on a condition could never be
 * signalled (EINVAL, noticed rather than hanging), keys hold a value each.
 */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

/* Mutex state in musl's pthread_mutex_t: __i[0] the type, __i[1] the lock count. */
#define MUTEX_TYPE(m) ((m)->__u.__i[0])
#define MUTEX_COUNT(m) ((m)->__u.__i[1])
/* A read-write lock: __i[0] readers, __i[1] a writer. */
#define RW_READERS(l) ((l)->__u.__i[0])
#define RW_WRITER(l) ((l)->__u.__i[1])

/* The one thread's id: pthread_t is a pointer in wasi-libc's types. */
static char main_thread;

int pthread_create(pthread_t *restrict thread, const pthread_attr_t *restrict attr, void *(*start)(void *), void *restrict arg)
{
	(void)thread; (void)attr; (void)start; (void)arg;
	return EAGAIN;
}
int pthread_join(pthread_t thread, void **result) { (void)result; return thread == pthread_self() ? EDEADLK : ESRCH; }
int pthread_detach(pthread_t thread) { return thread == pthread_self() ? 0 : ESRCH; }
_Noreturn void pthread_exit(void *result) { (void)result; exit(0); }
pthread_t pthread_self(void) { return (pthread_t)&main_thread; }
int pthread_equal(pthread_t a, pthread_t b) { return a == b; }
int pthread_setcancelstate(int state, int *old)
{
	if (state != PTHREAD_CANCEL_ENABLE && state != PTHREAD_CANCEL_DISABLE) return EINVAL;
	if (old) *old = PTHREAD_CANCEL_ENABLE;
	return 0;
}
int pthread_once(pthread_once_t *once, void (*init)(void))
{
	if (*once == 0) { *once = 1; init(); }
	return 0;
}

int pthread_attr_init(pthread_attr_t *attr) { memset(attr, 0, sizeof *attr); return 0; }
int pthread_attr_destroy(pthread_attr_t *attr) { (void)attr; return 0; }
int pthread_attr_getdetachstate(const pthread_attr_t *attr, int *state) { *state = attr->__u.__i[0]; return 0; }
int pthread_attr_setdetachstate(pthread_attr_t *attr, int state)
{
	if (state != PTHREAD_CREATE_JOINABLE && state != PTHREAD_CREATE_DETACHED) return EINVAL;
	attr->__u.__i[0] = state;
	return 0;
}

int pthread_mutex_init(pthread_mutex_t *restrict mutex, const pthread_mutexattr_t *restrict attr)
{
	memset(mutex, 0, sizeof *mutex);
	if (attr) MUTEX_TYPE(mutex) = attr->__attr & 3;
	return 0;
}
int pthread_mutex_trylock(pthread_mutex_t *mutex)
{
	if (MUTEX_COUNT(mutex) > 0 && MUTEX_TYPE(mutex) != PTHREAD_MUTEX_RECURSIVE) return EBUSY;
	MUTEX_COUNT(mutex)++;
	return 0;
}
int pthread_mutex_lock(pthread_mutex_t *mutex)
{
	/* Held already by the only thread: a wait that no one could end. */
	return pthread_mutex_trylock(mutex) == EBUSY ? EDEADLK : 0;
}
int pthread_mutex_timedlock(pthread_mutex_t *restrict mutex, const struct timespec *restrict at)
{
	(void)at;
	return pthread_mutex_trylock(mutex) == EBUSY ? ETIMEDOUT : 0;
}
int pthread_mutex_unlock(pthread_mutex_t *mutex)
{
	if (MUTEX_COUNT(mutex) == 0) return EPERM;
	MUTEX_COUNT(mutex)--;
	return 0;
}
int pthread_mutex_destroy(pthread_mutex_t *mutex) { return MUTEX_COUNT(mutex) > 0 ? EBUSY : 0; }
int pthread_mutex_consistent(pthread_mutex_t *mutex) { (void)mutex; return EINVAL; }
int pthread_mutexattr_init(pthread_mutexattr_t *attr) { attr->__attr = 0; return 0; }
int pthread_mutexattr_destroy(pthread_mutexattr_t *attr) { (void)attr; return 0; }
int pthread_mutexattr_gettype(const pthread_mutexattr_t *restrict attr, int *restrict type) { *type = attr->__attr & 3; return 0; }
int pthread_mutexattr_settype(pthread_mutexattr_t *attr, int type)
{
	if (type < 0 || type > PTHREAD_MUTEX_ERRORCHECK) return EINVAL;
	attr->__attr = (attr->__attr & ~3u) | (unsigned)type;
	return 0;
}
int pthread_mutexattr_getrobust(const pthread_mutexattr_t *restrict attr, int *restrict robust) { *robust = (attr->__attr >> 2) & 1; return 0; }
int pthread_mutexattr_setrobust(pthread_mutexattr_t *attr, int robust)
{
	if (robust != PTHREAD_MUTEX_STALLED && robust != PTHREAD_MUTEX_ROBUST) return EINVAL;
	attr->__attr = (attr->__attr & ~4u) | ((unsigned)robust << 2);
	return 0;
}

int pthread_cond_init(pthread_cond_t *restrict cond, const pthread_condattr_t *restrict attr) { (void)attr; memset(cond, 0, sizeof *cond); return 0; }
int pthread_cond_wait(pthread_cond_t *restrict cond, pthread_mutex_t *restrict mutex) { (void)cond; (void)mutex; return EINVAL; }
int pthread_cond_timedwait(pthread_cond_t *restrict cond, pthread_mutex_t *restrict mutex, const struct timespec *restrict at)
{
	(void)cond; (void)mutex; (void)at;
	return ETIMEDOUT;
}
int pthread_cond_signal(pthread_cond_t *cond) { (void)cond; return 0; }
int pthread_cond_broadcast(pthread_cond_t *cond) { (void)cond; return 0; }
int pthread_cond_destroy(pthread_cond_t *cond) { (void)cond; return 0; }
int pthread_condattr_init(pthread_condattr_t *attr) { attr->__attr = 0; return 0; }
int pthread_condattr_destroy(pthread_condattr_t *attr) { (void)attr; return 0; }

int pthread_rwlock_init(pthread_rwlock_t *restrict lock, const pthread_rwlockattr_t *restrict attr) { (void)attr; memset(lock, 0, sizeof *lock); return 0; }
int pthread_rwlock_tryrdlock(pthread_rwlock_t *lock)
{
	if (RW_WRITER(lock)) return EBUSY;
	RW_READERS(lock)++;
	return 0;
}
int pthread_rwlock_trywrlock(pthread_rwlock_t *lock)
{
	if (RW_WRITER(lock) || RW_READERS(lock)) return EBUSY;
	RW_WRITER(lock) = 1;
	return 0;
}
int pthread_rwlock_rdlock(pthread_rwlock_t *lock) { return pthread_rwlock_tryrdlock(lock) ? EDEADLK : 0; }
int pthread_rwlock_wrlock(pthread_rwlock_t *lock) { return pthread_rwlock_trywrlock(lock) ? EDEADLK : 0; }
int pthread_rwlock_timedrdlock(pthread_rwlock_t *restrict lock, const struct timespec *restrict at) { (void)at; return pthread_rwlock_tryrdlock(lock) ? ETIMEDOUT : 0; }
int pthread_rwlock_timedwrlock(pthread_rwlock_t *restrict lock, const struct timespec *restrict at) { (void)at; return pthread_rwlock_trywrlock(lock) ? ETIMEDOUT : 0; }
int pthread_rwlock_unlock(pthread_rwlock_t *lock)
{
	if (RW_WRITER(lock)) RW_WRITER(lock) = 0;
	else if (RW_READERS(lock)) RW_READERS(lock)--;
	else return EPERM;
	return 0;
}
int pthread_rwlock_destroy(pthread_rwlock_t *lock) { return RW_WRITER(lock) || RW_READERS(lock) ? EBUSY : 0; }
int pthread_rwlockattr_init(pthread_rwlockattr_t *attr) { memset(attr, 0, sizeof *attr); return 0; }
int pthread_rwlockattr_destroy(pthread_rwlockattr_t *attr) { (void)attr; return 0; }

int pthread_spin_init(pthread_spinlock_t *lock, int shared) { (void)shared; *lock = 0; return 0; }
int pthread_spin_trylock(pthread_spinlock_t *lock)
{
	if (*lock) return EBUSY;
	*lock = 1;
	return 0;
}
int pthread_spin_lock(pthread_spinlock_t *lock) { return pthread_spin_trylock(lock) ? EDEADLK : 0; }
int pthread_spin_unlock(pthread_spinlock_t *lock) { *lock = 0; return 0; }
int pthread_spin_destroy(pthread_spinlock_t *lock) { (void)lock; return 0; }

static struct { char used; void (*destructor)(void *); const void *value; } keys[PTHREAD_KEYS_MAX];

int pthread_key_create(pthread_key_t *key, void (*destructor)(void *))
{
	for (unsigned i = 0; i < PTHREAD_KEYS_MAX; i++) {
		if (keys[i].used) continue;
		keys[i].used = 1;
		keys[i].destructor = destructor;
		keys[i].value = 0;
		*key = i;
		return 0;
	}
	return EAGAIN;
}
int pthread_key_delete(pthread_key_t key)
{
	if (key >= PTHREAD_KEYS_MAX || !keys[key].used) return EINVAL;
	keys[key].used = 0;
	return 0;
}
void *pthread_getspecific(pthread_key_t key) { return key < PTHREAD_KEYS_MAX ? (void *)keys[key].value : 0; }
int pthread_setspecific(pthread_key_t key, const void *value)
{
	if (key >= PTHREAD_KEYS_MAX || !keys[key].used) return EINVAL;
	keys[key].value = value;
	return 0;
}

int pthread_kill(pthread_t thread, int signal)
{
	if (thread != pthread_self()) return ESRCH;
	return raise(signal) ? errno : 0;
}
