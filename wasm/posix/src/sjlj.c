/*
 * setjmp/longjmp as clang lowers them for WebAssembly (Emscripten's
 * scheme, -mllvm -enable-emscripten-sjlj): a function that calls setjmp
 * keeps a table of its setjmp buffers; every call it makes goes through
 * an `invoke_*` import of the runtime, which catches a longjmp thrown
 * below and sets __THREW__ so that the lowered code finds the setjmp to
 * return to. What the lowering calls by name is defined here.
 */
#include <stdint.h>
#include <stdlib.h>
#include <setjmp.h>
#include "noux.h"

/* Written by the runtime too (an invoke that caught a longjmp): exported by address. */
int __THREW__ = 0;
int __threwValue = 0;
static int temp_ret;

void setThrew(uintptr_t threw, int value)
{
	if (__THREW__ == 0) {
		__THREW__ = threw;
		__threwValue = value;
	}
}

int getTempRet0(void) { return temp_ret; }
void setTempRet0(int value) { temp_ret = value; }

struct setjmp_entry { uint32_t id, label; };

static uint32_t setjmp_ids;

/* Records a setjmp: its buffer gets a fresh id, the table the label of the code to return to. */
struct setjmp_entry *saveSetjmp(uint32_t *env, uint32_t label, struct setjmp_entry *table, uint32_t size)
{
	uint32_t id = ++setjmp_ids;
	*env = id;
	uint32_t i = 0;
	for (; i < size; i++) {
		if (table[i].id == 0) break;
	}
	if (i == size) {
		size *= 2;
		table = realloc(table, sizeof *table * (size + 1));
		if (!table) abort();
	}
	table[i].id = id;
	table[i].label = label;
	table[i + 1].id = 0;
	setTempRet0(size);
	return table;
}

/* The label of the setjmp with `id` in this frame's table, 0 if the longjmp is for another frame. */
uint32_t testSetjmp(uint32_t id, struct setjmp_entry *table, uint32_t size)
{
	for (uint32_t i = 0; i < size && table[i].id != 0; i++) {
		if (table[i].id == id) return table[i].label;
	}
	return 0;
}

void emscripten_longjmp(uintptr_t env, int value)
{
	setThrew(env, value ? value : 1);
	__noux_longjmp();
}

_Noreturn void siglongjmp(sigjmp_buf env, int value)
{
	if (env->__saved_mask) sigprocmask(SIG_SETMASK, &env->__mask, 0);
	longjmp(env, value);
}

/* The runtime's stack for saving frames during fork (asyncify's data): exported by address. */
char __noux_fork_stack[128 * 1024];
