/* The hidden prelude's CMyLib module (scripts/check-docs.py): the header of the guide's step 3. */
#include "obsbridge.h"
obsb_status mylib_parse(const obsb_trace_context *ctx, const uint8_t *bytes, size_t len,
                        uint64_t *out_count, obsb_error *err);
