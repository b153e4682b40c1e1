#ifndef CCAIRO_SHIM_H
#define CCAIRO_SHIM_H

// cairo's image, PDF and toy-text APIs: enough for figure export without Pango.
#include <cairo.h>
#include <cairo-pdf.h>

#endif
