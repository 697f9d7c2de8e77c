#ifndef RUNNEL_CLIBGIT2_SHIM_H
#define RUNNEL_CLIBGIT2_SHIM_H

#include <git2.h>

/* Variadic libgit2 calls cannot be imported into Swift: wrap the ones Runnel uses. */

static inline int runnel_git_set_cache_max_size(size_t bytes) {
    return git_libgit2_opts(GIT_OPT_SET_CACHE_MAX_SIZE, bytes);
}

static inline int runnel_git_enable_strict_object_creation(int enabled) {
    return git_libgit2_opts(GIT_OPT_ENABLE_STRICT_OBJECT_CREATION, enabled);
}

#endif
