# The corpus export: every format parses identically with rapper, serdi and Jena's riot (and the
# JSON-LD with rdflib), two runs give byte-identical files, the export passes validation (ours and
# Jena's SHACL), the IRI base is configurable. Counts are never hard-coded: they come from the
# export's own N-Triples and its void:triples, so the tests hold whatever the reader finds.

set(ILOKG_EXPORT_DIR ${CMAKE_CURRENT_BINARY_DIR}/export)
set(ILOKG_EXPORT_AGAIN ${CMAKE_CURRENT_BINARY_DIR}/export-again)
set(ILOKG_EXPORT_NOSDE ${CMAKE_CURRENT_BINARY_DIR}/export-nosde)
set(ILOKG_EXPORT_EPOCH 1700000000)
file(MAKE_DIRECTORY ${ILOKG_EXPORT_DIR})
find_program(ILOKG_JAVA java)
find_program(ILOKG_PYTHON3 python3 PATHS /usr/bin NO_DEFAULT_PATH)

set(ilokg_export_exts ttl nt nq trig rdf jsonld)
foreach(ext IN LISTS ilokg_export_exts)
    add_test(NAME export_corpus_${ext}
             COMMAND ${CMAKE_COMMAND} -E env SOURCE_DATE_EPOCH=${ILOKG_EXPORT_EPOCH}
                     $<TARGET_FILE:ilokg> convert --quiet
                     -o ${ILOKG_EXPORT_DIR}/export.${ext} ${CMAKE_SOURCE_DIR}/data/corpus)
    set_tests_properties(export_corpus_${ext} PROPERTIES FIXTURES_SETUP export_corpus
                         LABELS export)
    # The same run again, and once without SOURCE_DATE_EPOCH (then no timestamp at all):
    # byte-identical files.
    add_test(NAME export_reproducible_${ext}
             COMMAND sh -c "mkdir -p '${ILOKG_EXPORT_AGAIN}' '${ILOKG_EXPORT_NOSDE}' && \
SOURCE_DATE_EPOCH=${ILOKG_EXPORT_EPOCH} '$<TARGET_FILE:ilokg>' convert --quiet \
-o '${ILOKG_EXPORT_AGAIN}/export.${ext}' '${CMAKE_SOURCE_DIR}/data/corpus' && \
cmp '${ILOKG_EXPORT_DIR}/export.${ext}' '${ILOKG_EXPORT_AGAIN}/export.${ext}' && \
env -u SOURCE_DATE_EPOCH '$<TARGET_FILE:ilokg>' convert --quiet \
-o '${ILOKG_EXPORT_NOSDE}/a.${ext}' '${CMAKE_SOURCE_DIR}/data/corpus' && \
env -u SOURCE_DATE_EPOCH '$<TARGET_FILE:ilokg>' convert --quiet \
-o '${ILOKG_EXPORT_NOSDE}/b.${ext}' '${CMAKE_SOURCE_DIR}/data/corpus' && \
cmp '${ILOKG_EXPORT_NOSDE}/a.${ext}' '${ILOKG_EXPORT_NOSDE}/b.${ext}' && \
! grep -q 'dateTime' '${ILOKG_EXPORT_NOSDE}/a.${ext}' \
|| { echo 'export differs between runs or carries a timestamp'; exit 1; }")
    set_tests_properties(export_reproducible_${ext} PROPERTIES FIXTURES_REQUIRED export_corpus
                         LABELS export)
endforeach()

# The timestamp comes from SOURCE_DATE_EPOCH (1700000000 = 2023-11-14T22:13:20Z).
add_test(NAME export_timestamp_from_source_date_epoch
         COMMAND grep -c "2023-11-14T22:13:20Z" ${ILOKG_EXPORT_DIR}/export.nt)
set_tests_properties(export_timestamp_from_source_date_epoch PROPERTIES
                     FIXTURES_REQUIRED export_corpus PASS_REGULAR_EXPRESSION "^3\n" LABELS export)

if(ILOKG_JAVA AND ILOKG_PYTHON3)
    add_test(NAME export_check_rdf
             COMMAND ${ILOKG_PYTHON3} ${CMAKE_SOURCE_DIR}/scripts/check-rdf ${ILOKG_EXPORT_DIR})
    set_tests_properties(export_check_rdf PROPERTIES FIXTURES_REQUIRED export_corpus
                         PASS_REGULAR_EXPRESSION "check-rdf: all parsers agree" LABELS export)
    # JSON-LD with every awkward character (written by unit_jsonld) against its N-Quads.
    add_test(NAME export_jsonld_escapes_independent
             COMMAND ${ILOKG_PYTHON3} ${CMAKE_SOURCE_DIR}/scripts/check-rdf
                     ${CMAKE_CURRENT_BINARY_DIR}/jsonld-escapes.jsonld
                     ${CMAKE_CURRENT_BINARY_DIR}/jsonld-escapes.nq)
    set_tests_properties(export_jsonld_escapes_independent PROPERTIES
                         FIXTURES_REQUIRED jsonld_escapes
                         PASS_REGULAR_EXPRESSION "check-rdf: all parsers agree" LABELS export)
    set_tests_properties(unit_jsonld PROPERTIES FIXTURES_SETUP jsonld_escapes)
    # Jena's SHACL engine agrees that the export conforms to the shapes.
    add_test(NAME export_conforms_jena_shacl
             COMMAND ${CMAKE_SOURCE_DIR}/scripts/jena shacl.shacl validate
                     --shapes ${CMAKE_SOURCE_DIR}/ontology/shapes.ttl
                     --data ${ILOKG_EXPORT_DIR}/export.ttl)
    set_tests_properties(export_conforms_jena_shacl PROPERTIES FIXTURES_REQUIRED export_corpus
                         PASS_REGULAR_EXPRESSION "sh:conforms +true" LABELS export)
endif()

# The JSON-LD ilokg writes, read back by `query --data`, is the graph its N-Quads hold: every
# quad of the default graph (here the union of the export's graphs), compared as sorted TSV.
add_test(NAME export_jsonld_reads_back
         COMMAND sh -c "for f in jsonld nq; do '$<TARGET_FILE:ilokg>' query -r tsv \
--data '${ILOKG_EXPORT_DIR}/export.'$f -e 'SELECT ?s ?p ?o { ?s ?p ?o }' | sort \
> '${ILOKG_EXPORT_DIR}/readback.'$f.tsv || exit 1; done; \
test $(wc -l < '${ILOKG_EXPORT_DIR}/readback.nq.tsv') -gt 10000 && \
cmp '${ILOKG_EXPORT_DIR}/readback.jsonld.tsv' '${ILOKG_EXPORT_DIR}/readback.nq.tsv'")
set_tests_properties(export_jsonld_reads_back PROPERTIES FIXTURES_REQUIRED export_corpus
                     LABELS export)
# The reader agrees with PyLD (a JSON-LD 1.1 processor) on every feature it reads, and on the
# corpus export with its named graphs.
if(ILOKG_PYTHON3)
    file(GLOB ilokg_jsonld_fixtures ${CMAKE_CURRENT_SOURCE_DIR}/fixtures/jsonld/*.jsonld)
    add_test(NAME export_jsonld_read_vs_pyld
             COMMAND ${ILOKG_PYTHON3} ${CMAKE_CURRENT_SOURCE_DIR}/check_jsonld_read.py
                     $<TARGET_FILE:jsonld_nquads> http://example.com/base/doc
                     ${ilokg_jsonld_fixtures} ${ILOKG_EXPORT_DIR}/export.jsonld)
    set_tests_properties(export_jsonld_read_vs_pyld PROPERTIES FIXTURES_REQUIRED export_corpus
                         SKIP_RETURN_CODE 77 PASS_REGULAR_EXPRESSION "check_jsonld_read: all agree"
                         LABELS export)
    # The W3C JSON-LD 1.1 toRdf suite (tests/w3c/jsonld): every test passes, or is refused by
    # name (a feature the reader does not take), or asks for an option it does not have.
    add_test(NAME w3c_jsonld_to_rdf
             COMMAND ${ILOKG_PYTHON3} ${CMAKE_CURRENT_SOURCE_DIR}/w3c/jsonld_run.py
                     $<TARGET_FILE:jsonld_nquads>)
    set_tests_properties(w3c_jsonld_to_rdf PROPERTIES SKIP_RETURN_CODE 77
                         PASS_REGULAR_EXPRESSION " 0 failed" LABELS export)
endif()

# Our own validator passes every format it reads.
add_test(NAME export_validates
         COMMAND $<TARGET_FILE:ilokg> validate ${ILOKG_EXPORT_DIR}/export.ttl
                 ${ILOKG_EXPORT_DIR}/export.nt ${ILOKG_EXPORT_DIR}/export.nq
                 ${ILOKG_EXPORT_DIR}/export.trig ${ILOKG_EXPORT_DIR}/export.rdf)
set_tests_properties(export_validates PROPERTIES FIXTURES_REQUIRED export_corpus LABELS export)

# --base: every resource under the given base; a base that cannot prefix IRIs is a usage error.
add_test(NAME export_base_option
         COMMAND $<TARGET_FILE:ilokg> convert --quiet --base http://example.org/kg -f ntriples
                 ${CMAKE_SOURCE_DIR}/data/corpus/hlm13-2017-joint-conclusions.txt)
set_tests_properties(export_base_option PROPERTIES LABELS export
    PASS_REGULAR_EXPRESSION "<http://example.org/kg/doc/hlm13-2017> <http://purl.org/dc/terms/identifier> \"hlm13-2017\" \\.")
if(COMMAND ilokg_cli_test)
    ilokg_cli_test(export_bad_base EXIT 2 STDERR "base 'not a base' is not an absolute IRI"
                   ARGS convert --base "not a base" ${CMAKE_SOURCE_DIR}/data/corpus)
endif()
