# ilokg query --endpoint against a real SPARQL 1.1 Protocol server: a private Virtuoso
# (scripts/server-virtuoso) on the loopback interface, holding the corpus export of
# cli_export.cmake. Each canned query must give the same CSV through the endpoint as ilokg gives
# locally with --data on the same export. Without Virtuoso, the setup installs it
# (scripts/deps virtuoso) and fails loudly when it cannot: these tests are never skipped.

set(ILOKG_ENDPOINT_DIR ${CMAKE_CURRENT_BINARY_DIR}/virtuoso)
set(ILOKG_ENDPOINT_OUT ${CMAKE_CURRENT_BINARY_DIR}/endpoint)
set(ilokg_server ${CMAKE_SOURCE_DIR}/scripts/server-virtuoso --dir ${ILOKG_ENDPOINT_DIR})
file(MAKE_DIRECTORY ${ILOKG_ENDPOINT_OUT})

add_test(NAME endpoint_server_start
         COMMAND sh -c "ILOKG_VIRTUOSO_BUFFERS=20000 ILOKG_VIRTUOSO_DIRTY_BUFFERS=15000 \
${CMAKE_SOURCE_DIR}/scripts/server-virtuoso --dir '${ILOKG_ENDPOINT_DIR}' --wipe start && ${CMAKE_SOURCE_DIR}/scripts/server-virtuoso --dir '${ILOKG_ENDPOINT_DIR}' \
load '${CMAKE_CURRENT_BINARY_DIR}/export/export.nq'")
# Installing Virtuoso the first time may take minutes; starting and loading take seconds. A
# small page cache (160 MB) is plenty for the corpus.
set_tests_properties(endpoint_server_start PROPERTIES FIXTURES_SETUP virtuoso
                     FIXTURES_REQUIRED export_corpus TIMEOUT 900 LABELS endpoint)
add_test(NAME endpoint_server_stop COMMAND ${ilokg_server} stop)
set_tests_properties(endpoint_server_stop PROPERTIES FIXTURES_CLEANUP virtuoso LABELS endpoint)

# Queries that need none of ilokg's rewrites for rasqal, each with ORDER BY over every row (the
# comparison is exact). firm-vs-explore is not among them: Virtuoso divides integers as integers
# (63 where SPARQL gives 63.0).
foreach(q commitments-per-meeting-actor actor-pairs documents-overview convention-first-last)
    add_test(NAME endpoint_query_${q}
             COMMAND sh -c "url=$(${CMAKE_SOURCE_DIR}/scripts/server-virtuoso --dir \
'${ILOKG_ENDPOINT_DIR}' url) && \
'$<TARGET_FILE:ilokg>' query --timeout 60 --endpoint \"$url\" -r csv \
'${CMAKE_SOURCE_DIR}/queries/${q}.rq' > '${ILOKG_ENDPOINT_OUT}/${q}.remote.csv' && \
'$<TARGET_FILE:ilokg>' query --data '${CMAKE_CURRENT_BINARY_DIR}/export/export.nq' -r csv \
'${CMAKE_SOURCE_DIR}/queries/${q}.rq' > '${ILOKG_ENDPOINT_OUT}/${q}.local.csv' && \
test \"$(wc -l < '${ILOKG_ENDPOINT_OUT}/${q}.local.csv')\" -gt 1 && \
diff '${ILOKG_ENDPOINT_OUT}/${q}.local.csv' '${ILOKG_ENDPOINT_OUT}/${q}.remote.csv'")
    set_tests_properties(endpoint_query_${q} PROPERTIES FIXTURES_REQUIRED "virtuoso;export_corpus"
                         LABELS endpoint)
endforeach()

# ASK and DESCRIBE through the endpoint: the same writers as a local answer.
add_test(NAME endpoint_ask_json
         COMMAND sh -c "'$<TARGET_FILE:ilokg>' query --endpoint \
\"$(${CMAKE_SOURCE_DIR}/scripts/server-virtuoso --dir '${ILOKG_ENDPOINT_DIR}' url)\" -r json \
-e 'ASK { <https://w3id.org/ilokg/id/actor/ILO> a ?t }'")
set_tests_properties(endpoint_ask_json PROPERTIES FIXTURES_REQUIRED virtuoso LABELS endpoint
                     PASS_REGULAR_EXPRESSION "\"boolean\": true")
add_test(NAME endpoint_describe_ntriples
         COMMAND sh -c "'$<TARGET_FILE:ilokg>' query --endpoint \
\"$(${CMAKE_SOURCE_DIR}/scripts/server-virtuoso --dir '${ILOKG_ENDPOINT_DIR}' url)\" -f ntriples \
-e 'CONSTRUCT { id:x ilokg:actor ?a } WHERE { ?a skos:notation \"ILO\" }'")
set_tests_properties(endpoint_describe_ntriples PROPERTIES FIXTURES_REQUIRED virtuoso
                     LABELS endpoint PASS_REGULAR_EXPRESSION
                     "^<https://w3id.org/ilokg/id/x> <https://w3id.org/ilokg/ns#actor> <https://w3id.org/ilokg/id/actor/ILO> \\.\n$")

# Nothing listens on port 1: exit 1, and the message names the URL.
add_test(NAME endpoint_connection_refused
         COMMAND ${CMAKE_COMMAND} -DEXIT=1
                 "-DSTDERR=error: cannot connect to the endpoint http://127\\.0\\.0\\.1:1/sparql"
                 -P ${CMAKE_CURRENT_SOURCE_DIR}/run_cli.cmake --
                 $<TARGET_FILE:ilokg> query --endpoint http://127.0.0.1:1/sparql -e "ASK {}")
set_tests_properties(endpoint_connection_refused PROPERTIES LABELS endpoint)
# An HTTP error status (a path the server does not serve) names the URL and the status.
add_test(NAME endpoint_http_status
         COMMAND sh -c "'$<TARGET_FILE:ilokg>' query --endpoint \
\"$(${CMAKE_SOURCE_DIR}/scripts/server-virtuoso --dir '${ILOKG_ENDPOINT_DIR}' url)-none\" \
-e 'ASK {}'; echo \"exit $?\"")
set_tests_properties(endpoint_http_status PROPERTIES FIXTURES_REQUIRED virtuoso LABELS endpoint
                     PASS_REGULAR_EXPRESSION
                     "error: http://127\\.0\\.0\\.1:[0-9]+/sparql-none: the endpoint answered HTTP status 404.*exit 1")

# Queries over transitive paths (p+ and p*, from the SDG indicator -> target -> goal and country ->
# region hierarchies), FILTER EXISTS and a subquery: the same answer three ways — ilokg's engine
# on the query as written, the endpoint on the same text, and ilokg on an equivalent query
# through the closures the export materialises (a join, COUNT(DISTINCT)) — and the answer
# checked by hand in tests/golden/endpoint-NAME.csv where there is one (country-regions has 924
# rows).
set(ilokg_endpoint_fixtures ${CMAKE_CURRENT_SOURCE_DIR}/fixtures/endpoint)
foreach(q broader-closure indicator-up ukraine-regions country-regions europe-named
          countries-per-continent)
    set(out ${ILOKG_ENDPOINT_OUT}/pass-${q})
    set(golden ${CMAKE_CURRENT_SOURCE_DIR}/golden/endpoint-${q}.csv)
    set(by_hand "")
    if(EXISTS ${golden})
        set(by_hand " && diff '${golden}' '${out}.remote.csv'")
    endif()
    add_test(NAME endpoint_passes_${q}
             COMMAND sh -c "url=$(${CMAKE_SOURCE_DIR}/scripts/server-virtuoso --dir \
'${ILOKG_ENDPOINT_DIR}' url) && \
'$<TARGET_FILE:ilokg>' query --data '${CMAKE_CURRENT_BINARY_DIR}/export/export.nq' -r csv \
'${ilokg_endpoint_fixtures}/${q}.remote.rq' > '${out}.direct.csv' && \
'$<TARGET_FILE:ilokg>' query --timeout 60 --endpoint \"$url\" -r csv \
'${ilokg_endpoint_fixtures}/${q}.remote.rq' > '${out}.remote.csv' && \
'$<TARGET_FILE:ilokg>' query --data '${CMAKE_CURRENT_BINARY_DIR}/export/export.nq' -r csv \
'${ilokg_endpoint_fixtures}/${q}.local.rq' > '${out}.local.csv' && \
test \"$(wc -l < '${out}.local.csv')\" -gt 1 && \
diff '${out}.local.csv' '${out}.remote.csv' && \
diff '${out}.local.csv' '${out}.direct.csv'${by_hand}")
    set_tests_properties(endpoint_passes_${q} PROPERTIES FIXTURES_REQUIRED "virtuoso;export_corpus"
                         LABELS endpoint)
endforeach()

# Virtuoso 7.2 wants one end of a p+ or p* path bound (by a constant or a pattern before it):
# its error comes back as an HTTP error status, exit 1.
add_test(NAME endpoint_transitive_needs_a_bound_end
         COMMAND sh -c "'$<TARGET_FILE:ilokg>' query --endpoint \
\"$(${CMAKE_SOURCE_DIR}/scripts/server-virtuoso --dir '${ILOKG_ENDPOINT_DIR}' url)\" \
-e 'SELECT * { ?a skos:broader+ ?b }'; echo \"exit $?\"")
set_tests_properties(endpoint_transitive_needs_a_bound_end PROPERTIES FIXTURES_REQUIRED virtuoso
                     LABELS endpoint PASS_REGULAR_EXPRESSION
                     "HTTP status 500: Virtuoso 37000 Error TR\\.\\.\\.: transitive start not given.*exit 1")

# The query is still checked before it leaves: a syntax error (with line, column and caret) or an
# unknown prefix is reported locally, and the endpoint (nothing listens on port 1) is never
# contacted.
ilokg_cli_test(endpoint_syntax_error_is_local EXIT 1
    ARGS query --endpoint http://127.0.0.1:1/sparql ${ilokg_endpoint_fixtures}/syntax-error.rq
    STDERR "syntax-error\\.rq:8:1: error: expected '\\)' to close the expression, found '}'[^\\n]*\\n }\\n \\^\\n$"
    NOT_STDERR "connect")
ilokg_cli_test(endpoint_unknown_prefix_is_local EXIT 1
    ARGS query --endpoint http://127.0.0.1:1/sparql -e "SELECT * { ?a sdgx:broader+ ?b }"
    STDERR "<-e>:1:15: error: unknown prefix 'sdgx:'"
    NOT_STDERR "connect")
# A construct refused for rasqal is not refused for an endpoint: the query is sent (and the
# connection fails).
ilokg_cli_test(endpoint_sends_refused_construct EXIT 1
    ARGS query --endpoint http://127.0.0.1:1/sparql
         -e "SELECT * { ?a skos:broader+ ?b FILTER EXISTS { ?b a skos:Concept } }"
    STDERR "^ilokg: error: cannot connect to the endpoint http://127\\.0\\.0\\.1:1/sparql")
