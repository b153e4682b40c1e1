#ifndef CMALLOC_SHIM_H
#define CMALLOC_SHIM_H

// glibc's allocator settings (mallopt), which the Glibc module does not bring in.
#include <malloc.h>

#endif
