/*
 * Counts calls to malloc on the calling thread, for `obsbridge bench` (allocations per traced call).
 * The counter is an interposed malloc in the obsbridge executable: it adds one to a thread-local
 * count and calls glibc's own allocator. Sanitizer builds (which interpose malloc themselves) and
 * other C libraries count nothing: obsb_allocation_counting() says whether counting works.
 */
#ifndef C_ALLOCATION_COUNTER_H
#define C_ALLOCATION_COUNTER_H

#include <stdint.h>

/** Whether this build counts allocations (1) or not (0). */
int obsb_allocation_counting(void);

/** malloc calls made by the calling thread so far. */
uint64_t obsb_allocation_count(void);

#endif
