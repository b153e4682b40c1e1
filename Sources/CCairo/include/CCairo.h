#ifndef CCAIRO_H
#define CCAIRO_H

// cairo's image, PDF and toy-text APIs, enough for figure export without Pango, loaded at
// run time. The headers give the types, constants and exact signatures at build time; the
// binary does not link libcairo, so it starts (and exports SVG, CSV, JSON and text) on a
// machine without it, and opens the library only when a PDF or PNG is asked for.
#include <stddef.h>
#include <cairo/cairo.h>
#include <cairo/cairo-pdf.h>

// Every cairo function scaletop calls. One list drives the table's fields and the loader's
// lookups, so a function cannot be declared and then not looked up.
#define SCALETOP_CAIRO_FUNCTIONS(X) \
    X(cairo_version_string) \
    X(cairo_create) X(cairo_destroy) X(cairo_status) X(cairo_status_to_string) \
    X(cairo_save) X(cairo_restore) X(cairo_scale) X(cairo_translate) X(cairo_rotate) \
    X(cairo_set_source_rgba) X(cairo_set_line_width) X(cairo_set_line_join) X(cairo_set_line_cap) X(cairo_set_dash) \
    X(cairo_new_path) X(cairo_new_sub_path) X(cairo_move_to) X(cairo_line_to) X(cairo_arc) X(cairo_close_path) \
    X(cairo_rectangle) X(cairo_fill) X(cairo_stroke) X(cairo_clip) X(cairo_get_target) \
    X(cairo_select_font_face) X(cairo_set_font_size) X(cairo_set_font_options) X(cairo_text_extents) X(cairo_show_text) \
    X(cairo_font_options_create) X(cairo_font_options_destroy) X(cairo_font_options_set_hint_metrics) \
    X(cairo_surface_destroy) X(cairo_surface_finish) X(cairo_surface_flush) X(cairo_surface_status) \
    X(cairo_surface_write_to_png_stream) \
    X(cairo_image_surface_create) X(cairo_image_surface_create_from_png_stream) X(cairo_image_surface_get_data) \
    X(cairo_image_surface_get_format) X(cairo_image_surface_get_width) X(cairo_image_surface_get_height) \
    X(cairo_image_surface_get_stride) \
    X(cairo_pdf_surface_create_for_stream) X(cairo_pdf_surface_set_metadata)

/// cairo's functions, each typed by its own declaration in cairo.h.
typedef struct ScaletopCairo {
#define SCALETOP_CAIRO_FIELD(name) __typeof__(name) * _Nonnull name;
    SCALETOP_CAIRO_FUNCTIONS(SCALETOP_CAIRO_FIELD)
#undef SCALETOP_CAIRO_FIELD
} ScaletopCairo;

/// Opens `library` (a soname such as "libcairo.so.2" or a path) and looks up every function.
/// Returns a table that lives as long as the process, or NULL with the reason (dlerror's
/// words, or the missing function) in `error`.
const ScaletopCairo * _Nullable scaletop_cairo_load(const char * _Nonnull library, char * _Nonnull error, size_t error_size);

#endif
