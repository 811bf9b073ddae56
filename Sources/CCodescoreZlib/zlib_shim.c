#include "CCodescoreZlib.h"

#include <stdlib.h>
#include <string.h>
#include <zlib.h>

int codescore_gzip(const unsigned char *input, size_t length, int level, unsigned char **output, size_t *output_length) {
    z_stream stream;
    memset(&stream, 0, sizeof stream);
    // windowBits 15 + 16: a gzip header and trailer around the deflate stream.
    if (deflateInit2(&stream, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) return -1;
    uLong bound = deflateBound(&stream, (uLong)length) + 32;
    unsigned char *buffer = malloc(bound);
    if (buffer == NULL) { deflateEnd(&stream); return -1; }
    stream.next_in = (Bytef *)input;
    stream.avail_in = (uInt)length;
    stream.next_out = buffer;
    stream.avail_out = (uInt)bound;
    int status = deflate(&stream, Z_FINISH);
    size_t produced = stream.total_out;
    deflateEnd(&stream);
    if (status != Z_STREAM_END || length > 0xFFFFFFFFu) { free(buffer); return -1; }
    *output = buffer;
    *output_length = produced;
    return 0;
}

int codescore_gunzip(const unsigned char *input, size_t length, size_t limit, unsigned char **output, size_t *output_length) {
    z_stream stream;
    memset(&stream, 0, sizeof stream);
    if (inflateInit2(&stream, 15 + 16) != Z_OK) return -1;
    size_t capacity = length * 4 + 1024;
    unsigned char *buffer = malloc(capacity);
    if (buffer == NULL) { inflateEnd(&stream); return -1; }
    stream.next_in = (Bytef *)input;
    stream.avail_in = (uInt)length;
    int status;
    do {
        if (stream.total_out == capacity) {
            if (capacity >= limit) { status = Z_BUF_ERROR; break; }
            capacity = capacity * 2 > limit ? limit : capacity * 2;
            unsigned char *grown = realloc(buffer, capacity);
            if (grown == NULL) { status = Z_MEM_ERROR; break; }
            buffer = grown;
        }
        stream.next_out = buffer + stream.total_out;
        stream.avail_out = (uInt)(capacity - stream.total_out);
        status = inflate(&stream, Z_NO_FLUSH);
    } while (status == Z_OK);
    size_t produced = stream.total_out;
    inflateEnd(&stream);
    if (status != Z_STREAM_END) { free(buffer); return -1; }
    *output = buffer;
    *output_length = produced;
    return 0;
}
