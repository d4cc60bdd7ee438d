// A malloc interposer: the executable's own malloc family shadows glibc's for every shared library in the process
// (libswiftCore, Foundation, OpenBLAS…), forwards to glibc's real allocator (`__libc_*`), and counts calls and
// requested bytes on the thread that switched counting on. Counting is per thread so that work on other threads
// (test runners, OpenBLAS helpers) does not leak into a benchmark's numbers.
#define _GNU_SOURCE
#include "allocation_counter.h"
#include <dlfcn.h>
#include <errno.h>
#include <stdatomic.h>
#include <stddef.h>

// AddressSanitizer brings its own malloc family; a second definition would break it, so the interposer is off in
// sanitized builds (the fuzz harnesses) and `@benchmark` reports no allocation counts there.
#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define ALLOCATION_COUNTER_DISABLED 1
#endif
#endif

extern void *__libc_malloc(size_t size);
extern void *__libc_calloc(size_t count, size_t size);
extern void *__libc_realloc(void *pointer, size_t size);
extern void __libc_free(void *pointer);
extern void *__libc_memalign(size_t alignment, size_t size);

static _Thread_local int counting_on_this_thread = 0;
static _Atomic uint64_t allocation_count = 0;
static _Atomic uint64_t allocation_bytes = 0;

static inline void record(size_t size) {
    if (counting_on_this_thread) {
        atomic_fetch_add_explicit(&allocation_count, 1, memory_order_relaxed);
        atomic_fetch_add_explicit(&allocation_bytes, (uint64_t)size, memory_order_relaxed);
    }
}

#ifndef ALLOCATION_COUNTER_DISABLED
void *malloc(size_t size) {
    record(size);
    return __libc_malloc(size);
}

void *calloc(size_t count, size_t size) {
    record(count * size);
    return __libc_calloc(count, size);
}

void *realloc(void *pointer, size_t size) {
    record(size);
    return __libc_realloc(pointer, size);
}

void free(void *pointer) {
    __libc_free(pointer);
}

void *memalign(size_t alignment, size_t size) {
    record(size);
    return __libc_memalign(alignment, size);
}

void *aligned_alloc(size_t alignment, size_t size) {
    record(size);
    return __libc_memalign(alignment, size);
}

int posix_memalign(void **result, size_t alignment, size_t size) {
    if (alignment < sizeof(void *) || (alignment & (alignment - 1)) != 0) return EINVAL;
    record(size);
    void *pointer = __libc_memalign(alignment, size);
    if (pointer == NULL) return ENOMEM;
    *result = pointer;
    return 0;
}

#endif

void allocation_counter_start(void) {
    atomic_store_explicit(&allocation_count, 0, memory_order_relaxed);
    atomic_store_explicit(&allocation_bytes, 0, memory_order_relaxed);
    counting_on_this_thread = 1;
}

void allocation_counter_stop(void) {
    counting_on_this_thread = 0;
}

uint64_t allocation_counter_count(void) {
    return atomic_load_explicit(&allocation_count, memory_order_relaxed);
}

uint64_t allocation_counter_bytes(void) {
    return atomic_load_explicit(&allocation_bytes, memory_order_relaxed);
}

int allocation_counter_is_active(void) {
#ifdef ALLOCATION_COUNTER_DISABLED
    return 0;
#else
    // Interposition works when the process-wide `malloc` (what shared libraries call) is this file's,
    // which is checked both by address and by watching a call through it being counted.
    void *(*global_malloc)(size_t) = (void *(*)(size_t))dlsym(RTLD_DEFAULT, "malloc");
    if (global_malloc != malloc) return 0;
    int was_counting = counting_on_this_thread;
    uint64_t before = allocation_counter_count();
    counting_on_this_thread = 1;
    void *probe = global_malloc(24);
    counting_on_this_thread = was_counting;
    int counted = allocation_counter_count() > before;
    free(probe);
    return counted;
#endif
}
