// Loads cairo with dlopen and dlsym instead of linking it. Written by hand because cairo has
// no Swift package, and a system-library target would put libcairo.so.2 in the binary's
// NEEDED list: then the dynamic loader refuses to start scaletop at all on a cluster login
// node without cairo, even for the dashboard or an SVG export.
#include "CCairo.h"

#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const ScaletopCairo *scaletop_cairo_load(const char *library, char *error, size_t error_size) {
    void *handle = dlopen(library, RTLD_NOW | RTLD_LOCAL);
    if (handle == NULL) {
        const char *reason = dlerror();
        snprintf(error, error_size, "%s", reason != NULL ? reason : "dlopen failed");
        return NULL;
    }
    ScaletopCairo *table = calloc(1, sizeof(ScaletopCairo));
    if (table == NULL) {
        snprintf(error, error_size, "out of memory");
        dlclose(handle);
        return NULL;
    }
    // The table and the handle stay for the life of the process: cairo is never unloaded.
#define SCALETOP_CAIRO_LOOKUP(name) \
    *(void **)(&table->name) = dlsym(handle, #name); \
    if (table->name == NULL) { \
        snprintf(error, error_size, "%s has no %s (scaletop needs cairo 1.16 or later)", library, #name); \
        free(table); \
        dlclose(handle); \
        return NULL; \
    }
    SCALETOP_CAIRO_FUNCTIONS(SCALETOP_CAIRO_LOOKUP)
#undef SCALETOP_CAIRO_LOOKUP
    return table;
}
