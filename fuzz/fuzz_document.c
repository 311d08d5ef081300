/* SPDX-License-Identifier: Apache-2.0 */
/* libFuzzer target: a document's text from memory through normalise, segment and recognise,
 * as ilokg convert reads it (src/graph/corpus.c), and the code-point offsets written to RDF. */
#include <stdlib.h>
#include <string.h>

#include "fuzz_util.h"
#include "graph/world.h"
#include "read/doc.h"
#include "read/normalize.h"
#include "read/segment.h"
#include "recognize/recognize.h"
#include "util/buf.h"
#include "util/source.h"

static const ilokg_gazetteer *
gazetteer(void)
{
    static ilokg_world           *world;
    static const ilokg_gazetteer *gaz;
    if (!world) {
        if (ilokg_world_new(&world, ILOKG_FUZZ_DATA_DIR, NULL, NULL) ||
            ilokg_world_gazetteer(&gaz, world)) {
            abort(); /* the data directory is part of the build, not of the input */
        }
    }
    return gaz;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const ilokg_gazetteer *gaz  = gazetteer();
    size_t                 sum  = 0;
    ilokg_diag             diag = {fuzz_sink, &sum, 0, 0};
    ilokg_source          *src  = NULL;
    ilokg_text             text = {0};
    ilokg_doc             *doc  = calloc(1, sizeof *doc);
    if (doc && !ilokg_source_from_bytes(&src, "fuzz.txt", (const char *)data, size, &diag) &&
        !ilokg_normalize(&text, src, &diag) && !ilokg_segment_doc(doc, &text, src, &diag) &&
        (doc->bytes = ilokg_strndup(src->bytes, src->len))) {
        doc->len = src->len;
        if (!ilokg_recognize_doc(doc, &text, gaz, &diag)) {
            for (size_t i = 0; i < doc->n_mentions; i++) {
                sum += ilokg_doc_char_offset(doc, doc->mentions[i].span.start);
            }
            for (size_t i = 0; i < doc->n_commitments; i++) {
                sum += ilokg_doc_char_offset(doc, doc->commitments[i].span.end);
            }
        }
    }
    ilokg_text_free(&text);
    ilokg_source_free(src);
    ilokg_doc_free(doc);
    return sum == SIZE_MAX; /* keeps sum alive; libFuzzer wants 0 */
}
