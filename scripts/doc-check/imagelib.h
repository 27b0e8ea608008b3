/* The hidden prelude's CImageLib module (scripts/check-docs.py): the README's image_resize. */
#include "obsbridge.h"
obsb_status image_resize(const obsb_trace_context *ctx, uint32_t w, uint32_t h, uint64_t *out_bytes,
                         obsb_error *err);
