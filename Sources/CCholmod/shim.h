#include <suitesparse/cholmod.h>

/* A read prefetch hint for the sparse formation's scattered column reads (no effect on results). */
static inline void mixedmodels_prefetch(const void *address) { __builtin_prefetch(address, 0, 3); }
