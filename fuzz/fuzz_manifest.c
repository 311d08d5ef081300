/* SPDX-License-Identifier: Apache-2.0 */
/* libFuzzer target: MANIFEST.tsv. The reader takes a path, so each input is written to a
 * temporary file first. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fuzz_util.h"
#include "read/manifest.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static char path[64];
    if (!path[0]) {
        char dir[] = "/tmp/ilokg-fuzz-manifest.XXXXXX";
        if (!mkdtemp(dir)) {
            abort();
        }
        snprintf(path, sizeof path, "%s/MANIFEST.tsv", dir);
    }
    FILE *fp = fopen(path, "wb");
    if (!fp || fwrite(data, 1, size, fp) != size || fclose(fp)) {
        abort();
    }
    size_t         sum  = 0;
    ilokg_diag     diag = {fuzz_sink, &sum, 0, 0};
    ilokg_manifest m    = {0};
    if (!ilokg_manifest_load(&m, path, &diag)) {
        for (size_t i = 0; i < m.n_rows; i++) {
            ilokg_meta copy = {0};
            if (!ilokg_meta_copy(&copy, &m.rows[i])) {
                sum += strlen(copy.id) + strlen(copy.file) + m.file_locs[i].line;
            }
            ilokg_meta_clear(&copy);
        }
    }
    ilokg_manifest_clear(&m);
    return sum == SIZE_MAX;
}
