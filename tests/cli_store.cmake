# The persistent store: ilokg load builds it beside the old one and swaps it in; queries read it.
if(COMMAND ilokg_cli_test)
    set(S ${CMAKE_CURRENT_BINARY_DIR}/store-scratch)
    set(F ${CMAKE_CURRENT_SOURCE_DIR}/fixtures/query-mini.ttl)
    add_test(NAME store_clean COMMAND ${CMAKE_COMMAND} -E rm -rf ${S})
    set_tests_properties(store_clean PROPERTIES FIXTURES_SETUP store LABELS store)
    ilokg_cli_test(store_load ARGS load --store ${S}/store ${F})
    set_tests_properties(store_load PROPERTIES FIXTURES_REQUIRED store FIXTURES_SETUP store_loaded)
    ilokg_cli_test(store_query ARGS query -r csv --store ${S}/store
        -e "SELECT (COUNT(*) AS ?n) WHERE { ?c a ilokg:Commitment }" STDOUT "^n\r\n8\r\n$")
    ilokg_cli_test(store_env ARGS query -r csv
        -e "SELECT ?n WHERE { ?a skos:notation ?n FILTER(?n = \"EEAS\") }" STDOUT "^n\r\nEEAS\r\n$")
    set_tests_properties(store_env PROPERTIES ENVIRONMENT "ILOKG_STORE=${S}/store")
    # A file that does not parse leaves the store as it was.
    ilokg_cli_test(store_bad_file_keeps_store EXIT 1
        ARGS load --store ${S}/store ${F} ${CMAKE_CURRENT_SOURCE_DIR}/fixtures/query-bad.ttl
        STDERR "query-bad.ttl:3: error: syntax error")
    ilokg_cli_test(store_still_there ARGS query -r csv --store ${S}/store
        -e "SELECT (COUNT(*) AS ?n) WHERE { ?c a ilokg:Commitment }" STDOUT "^n\r\n8\r\n$")
    set_tests_properties(store_query store_env store_bad_file_keeps_store PROPERTIES
                         FIXTURES_REQUIRED store_loaded)
    set_tests_properties(store_still_there PROPERTIES FIXTURES_REQUIRED store_loaded
                         DEPENDS store_bad_file_keeps_store)
    set_tests_properties(store_load store_query store_env store_bad_file_keeps_store
                         store_still_there PROPERTIES LABELS store)
endif()
