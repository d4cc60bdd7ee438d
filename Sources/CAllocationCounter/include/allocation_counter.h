#ifndef ALLOCATION_COUNTER_H
#define ALLOCATION_COUNTER_H
#include <stdint.h>
/// Counts of heap allocations made while counting is switched on (see allocation_counter.c).
void allocation_counter_start(void);
void allocation_counter_stop(void);
uint64_t allocation_counter_count(void);
uint64_t allocation_counter_bytes(void);
/// 1 when malloc interposition is active in this process.
int allocation_counter_is_active(void);
#endif
