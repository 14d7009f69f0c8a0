/* Force-included when compiling maskApi.c for the oracle: rleToString allocates 6 chars per count
 * but writes up to 7 per count plus a NUL, so give every allocation slack; and maskApi.c calls
 * memcpy without including string.h. Nothing else changes. */
#include <stdlib.h>
#include <string.h>
#define malloc(n) malloc(2 * (n) + 64)
