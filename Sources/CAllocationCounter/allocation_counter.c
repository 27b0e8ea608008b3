#include "CAllocationCounter.h"

#include <stddef.h>

#if defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer) || __has_feature(memory_sanitizer)
#define OBSB_SANITIZED 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define OBSB_SANITIZED 1
#endif

#if defined(__GLIBC__) && !defined(OBSB_SANITIZED)

/* glibc's own allocator entry point, which malloc forwards to. */
extern void *__libc_malloc(size_t size);

static __thread uint64_t allocations __attribute__((tls_model("initial-exec")));

void *malloc(size_t size) {
    allocations += 1;
    return __libc_malloc(size);
}

int obsb_allocation_counting(void) { return 1; }

uint64_t obsb_allocation_count(void) { return allocations; }

#else

int obsb_allocation_counting(void) { return 0; }

uint64_t obsb_allocation_count(void) { return 0; }

#endif
