#ifndef CCODESCORE_SYSTEM_H
#define CCODESCORE_SYSTEM_H

#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <sys/prctl.h>
#include <unistd.h>

/// Marks the calling process non-dumpable: processes of the same user can no longer ptrace it or read
/// its /proc/<pid>/environ, mem or fd entries. prctl is variadic, so Swift cannot call it directly.
static inline int codescore_set_nondumpable(void) {
    return prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
}

#endif
