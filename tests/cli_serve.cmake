# ilokg serve against the running server (tests/serve_test.py): the corpus export loaded into a
# store, the server started on a free loopback port and stopped with SIGTERM by the test itself.
# One CTest entry per group of checks, each with its own store and server, so that they may run
# in parallel: the SPARQL Protocol (every format, errors, limits), the linked data (303s,
# descriptions, VoID, ontology), ilokg query --endpoint against --store for every canned query,
# the server's life (store replaced while serving, slow clients, --data, SIGTERM), and a 5 s load
# test with wrk (no failed request; the long one is bench/serve).
find_program(ILOKG_SERVE_PYTHON3 python3 PATHS /usr/bin NO_DEFAULT_PATH)
foreach(group protocol linked endpoint lifecycle load)
    add_test(NAME serve_${group}
             COMMAND ${ILOKG_SERVE_PYTHON3} ${CMAKE_CURRENT_SOURCE_DIR}/serve_test.py
                     --ilokg $<TARGET_FILE:ilokg>
                     --export ${CMAKE_CURRENT_BINARY_DIR}/export/export.nq
                     --work ${CMAKE_CURRENT_BINARY_DIR}/serve/${group}
                     --source ${CMAKE_SOURCE_DIR} --only ${group})
    set_tests_properties(serve_${group} PROPERTIES FIXTURES_REQUIRED export_corpus TIMEOUT 300
                         LABELS serve FAIL_REGULAR_EXPRESSION "FAIL ")
endforeach()
