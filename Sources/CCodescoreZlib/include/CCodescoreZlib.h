#ifndef CCODESCORE_ZLIB_H
#define CCODESCORE_ZLIB_H

#include <stddef.h>

/// Gzip (RFC 1952) of `length` bytes at `level` 0–9 into a malloc'ed buffer the caller frees.
/// Returns 0 on success, -1 on failure (nothing to free then).
int codescore_gzip(const unsigned char *input, size_t length, int level, unsigned char **output, size_t *output_length);

/// The bytes of a gzip stream, into a malloc'ed buffer the caller frees; at most `limit` bytes.
/// Returns 0 on success, -1 on a malformed stream or one that would exceed the limit.
int codescore_gunzip(const unsigned char *input, size_t length, size_t limit, unsigned char **output, size_t *output_length);

#endif
