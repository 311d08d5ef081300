# The query tool: canned queries against golden answers, syntax errors with their place,
# refused constructs, result formats, limits, and the differential test against Apache Jena.

set(ILOKG_QUERY_FIXTURE ${CMAKE_CURRENT_SOURCE_DIR}/fixtures/query-mini.ttl)
set(ILOKG_QUERIES ${CMAKE_SOURCE_DIR}/queries)
set(ILOKG_CORPUS_NT ${CMAKE_CURRENT_BINARY_DIR}/query-corpus.nt)

# The corpus export the corpus goldens run on (a fixture of those tests).
add_test(NAME query_corpus_export
         COMMAND $<TARGET_FILE:ilokg> convert --quiet --format ntriples -o ${ILOKG_CORPUS_NT}
                 ${CMAKE_SOURCE_DIR}/data/corpus)
set_tests_properties(query_corpus_export PROPERTIES FIXTURES_SETUP query_corpus LABELS query)

# The same two graphs in persistent stores: every golden is checked on the store too, where the
# engine reads the Berkeley DB indexes through triples_source.c instead of an in-memory graph.
set(ILOKG_STORE_MINI ${CMAKE_CURRENT_BINARY_DIR}/query-stores/mini)
set(ILOKG_STORE_CORPUS ${CMAKE_CURRENT_BINARY_DIR}/query-stores/corpus)
add_test(NAME query_store_mini_load
         COMMAND $<TARGET_FILE:ilokg> load --quiet --store ${ILOKG_STORE_MINI} ${ILOKG_QUERY_FIXTURE})
add_test(NAME query_store_corpus_load
         COMMAND $<TARGET_FILE:ilokg> load --quiet --store ${ILOKG_STORE_CORPUS} ${ILOKG_CORPUS_NT})
set_tests_properties(query_store_mini_load PROPERTIES FIXTURES_SETUP query_store_mini LABELS query)
set_tests_properties(query_store_corpus_load PROPERTIES FIXTURES_SETUP query_store_corpus
                     FIXTURES_REQUIRED query_corpus LABELS query)

# One test per golden file: tests/golden/query-NAME.csv is queries/NAME.rq on the hand-written
# fixture graph; tests/golden/query-corpus-NAME.csv is queries/NAME.rq on the corpus.
file(GLOB ilokg_query_goldens RELATIVE ${CMAKE_CURRENT_SOURCE_DIR}/golden
     ${CMAKE_CURRENT_SOURCE_DIR}/golden/query-*.csv)
foreach(golden ${ilokg_query_goldens})
    string(REGEX REPLACE "^query-(.*)\\.csv$" "\\1" name ${golden})
    set(data ${ILOKG_QUERY_FIXTURE})
    set(fixture "")
    set(store ${ILOKG_STORE_MINI})
    set(store_fixture query_store_mini)
    if(name MATCHES "^corpus-(.*)$")
        set(name ${CMAKE_MATCH_1})
        set(data ${ILOKG_CORPUS_NT})
        set(fixture query_corpus)
        set(store ${ILOKG_STORE_CORPUS})
        set(store_fixture query_store_corpus)
        # Data a corpus query joins with (an extract of the UN SDG KOS for sdg-targets): beside
        # the export, and in a store of its own loaded from both.
        set(extra ${CMAKE_CURRENT_SOURCE_DIR}/fixtures/query-corpus-${name}-extra.ttl)
        if(EXISTS ${extra})
            list(APPEND data ${extra})
            set(store ${CMAKE_CURRENT_BINARY_DIR}/query-stores/corpus-${name})
            set(store_fixture query_store_corpus_${name})
            add_test(NAME query_store_corpus_${name}_load
                     COMMAND $<TARGET_FILE:ilokg> load --quiet --store ${store} ${ILOKG_CORPUS_NT}
                             ${extra})
            set_tests_properties(query_store_corpus_${name}_load PROPERTIES
                                 FIXTURES_SETUP ${store_fixture} FIXTURES_REQUIRED query_corpus
                                 LABELS query)
        endif()
    endif()
    add_test(NAME query_store_golden_${golden}
             COMMAND ${CMAKE_COMMAND} -DILOKG=$<TARGET_FILE:ilokg> -DQUERY=${ILOKG_QUERIES}/${name}.rq
                     -DGOLDEN=${CMAKE_CURRENT_SOURCE_DIR}/golden/${golden} -DSTORE=${store}
                     -P ${CMAKE_CURRENT_SOURCE_DIR}/query_golden.cmake)
    set_tests_properties(query_store_golden_${golden} PROPERTIES LABELS "query;store"
                         FAIL_REGULAR_EXPRESSION "GOLDEN-FAILED"
                         FIXTURES_REQUIRED ${store_fixture})
    add_test(NAME query_golden_${golden}
             COMMAND ${CMAKE_COMMAND} -DILOKG=$<TARGET_FILE:ilokg> -DQUERY=${ILOKG_QUERIES}/${name}.rq
                     -DGOLDEN=${CMAKE_CURRENT_SOURCE_DIR}/golden/${golden} "-DDATA=${data}"
                     -P ${CMAKE_CURRENT_SOURCE_DIR}/query_golden.cmake)
    set_tests_properties(query_golden_${golden} PROPERTIES LABELS query
                         FAIL_REGULAR_EXPRESSION "GOLDEN-FAILED")
    if(fixture)
        set_tests_properties(query_golden_${golden} PROPERTIES FIXTURES_REQUIRED ${fixture})
    endif()
endforeach()

if(COMMAND ilokg_cli_test)
    set(F ${ILOKG_QUERY_FIXTURE})
    # Errors: line, column and a caret under the query text; exit 1.
    ilokg_cli_test(query_syntax_error EXIT 1
        ARGS query --data ${F} -e "SELECT ?s WHERE {\n  ?s ?p ?o .\n  FILTER(?o = )\n}"
        STDERR "^<-e>:3:15: error: expected an expression, found '\\)'.*\n   FILTER\\(\\?o = \\)\n               \\^")
    ilokg_cli_test(query_unknown_prefix EXIT 1 ARGS query --data ${F} -e "SELECT * { ?s foo:p ?o }"
        STDERR "<-e>:1:15: error: unknown prefix 'foo:'")
    # What rasqal could not run is answered. The fixture's skos:broader edges are 8.7 -> 8,
    # C080701 -> 8.7 and 10.7 -> 10: their closure has the four pairs below.
    ilokg_cli_test(query_transitive_path ARGS query -r csv --data ${F}
        -e "SELECT ?a ?b { ?a skos:broader+ ?b } ORDER BY ?a ?b"
        STDOUT "^a,b\r\nhttp://metadata.un.org/sdg/10.7,http://metadata.un.org/sdg/10\r\nhttp://metadata.un.org/sdg/8.7,http://metadata.un.org/sdg/8\r\nhttp://metadata.un.org/sdg/C080701,http://metadata.un.org/sdg/8\r\nhttp://metadata.un.org/sdg/C080701,http://metadata.un.org/sdg/8.7\r\n$")
    # Commitments with more than one actor: five of the fixture's eight (hlm13 1 and 2 with ILO
    # and EC, hlm15 1 with three actors, hlm16 1 and 2).
    ilokg_cli_test(query_subquery ARGS query -r csv --data ${F}
        -e "SELECT ?s ?n { { SELECT ?s (COUNT(*) AS ?n) { ?s ilokg:actor ?a } GROUP BY ?s } FILTER(?n > 1) } ORDER BY ?s"
        STDOUT "^s,n\r\n[^\r]*hlm13-2017/commitment/1,2\r\n[^\r]*hlm13-2017/commitment/2,2\r\n[^\r]*hlm15-2020/commitment/1,3\r\n[^\r]*hlm16-2022/commitment/1,2\r\n[^\r]*hlm16-2022/commitment/2,2\r\n$")
    ilokg_cli_test(query_concat_of_call ARGS query -r csv --data ${F}
        -e "SELECT (CONCAT(STR(?a), \"|\", ?n) AS ?k) { ?a a ilokg:Actor . ?a skos:notation ?n } ORDER BY ?k"
        STDOUT "^k\r\nhttps://w3id.org/ilokg/id/actor/EC\\|EC\r\nhttps://w3id.org/ilokg/id/actor/EEAS\\|EEAS\r\nhttps://w3id.org/ilokg/id/actor/ILO\\|ILO\r\n$")
    # --explain: the algebra of section 18.2 (FILTERs apply to the whole group, OPTIONAL is a
    # left join, the aggregate a hidden variable extended into ?n).
    ilokg_cli_test(query_explain ARGS query --explain
        -e "SELECT ?c (COUNT(?a) AS ?n) { ?c ilokg:actor ?a FILTER(isIRI(?a)) OPTIONAL { ?c ilokg:theme ?t } } GROUP BY ?c"
        STDOUT "^\\(project \\(\\?c \\?n\\)\n  \\(extend \\(\\(\\?n \\?\\.agg0\\)\\)\n    \\(group \\(\\?c\\) \\(\\(\\?\\.agg0 \\(count \\?a\\)\\)\\)\n      \\(filter \\(isIRI \\?a\\)\n        \\(leftjoin\n")
    # SPARQL Update and SERVICE are refused, saying so.
    ilokg_cli_test(query_refuses_update EXIT 1 ARGS query --data ${F}
        -e "INSERT DATA { <a:s> <a:p> <a:o> }" STDERR "SPARQL Update is not supported")
    ilokg_cli_test(query_missing_store EXIT 1 ARGS query --store ${CMAKE_CURRENT_BINARY_DIR}/no-such-store
        -e "ASK {}" STDERR "no-such-store: error: no store here")
    # A FILTER between triple patterns, and '.' after it (8 commitments in the fixture, each
    # with a sequence number).
    ilokg_cli_test(query_filter_between_triples ARGS query -r csv --data ${F}
        -e "SELECT (COUNT(*) AS ?n) { ?s a ilokg:Commitment FILTER(isIRI(?s)) . ?s ilokg:sequence ?q }"
        STDOUT "^n\r\n8\r\n$")
    # An empty answer is not an error.
    ilokg_cli_test(query_empty_answer ARGS query -r csv --data ${F}
        -e "SELECT ?s WHERE { ?s a ilokg:NoSuchClass }" STDOUT "^s\r\n$")
    ilokg_cli_test(query_empty_count ARGS query -r csv --data ${F}
        -e "SELECT (COUNT(*) AS ?n) WHERE { ?s a ilokg:NoSuchClass }" STDOUT "^n\r\n0\r\n$")
    # Result formats.
    ilokg_cli_test(query_tsv ARGS query -r tsv --data ${F}
        -e "SELECT ?n WHERE { <https://w3id.org/ilokg/id/actor/EEAS> skos:notation ?n }" STDOUT "^\\?n\n\"EEAS\"\n$")
    ilokg_cli_test(query_json ARGS query -r json --data ${F}
        -e "SELECT ?n WHERE { <https://w3id.org/ilokg/id/actor/EEAS> skos:notation ?n }"
        STDOUT "\"head\": { \"vars\": \\[ \"n\" \\] }.*\"n\": { \"type\": \"literal\", \"value\": \"EEAS\" }")
    ilokg_cli_test(query_xml ARGS query -r xml --data ${F} -e "ASK { ?s a ilokg:Commitment }"
        STDOUT "<boolean>true</boolean>")
    ilokg_cli_test(query_table ARGS query -r table --data ${F}
        -e "SELECT ?a WHERE { ?a skos:notation \"EEAS\" }"
        STDOUT "\\| \\?a +\\|\n=+\n\\| <https://w3id.org/ilokg/id/actor/EEAS> \\|\n-+\n1 row\n")
    ilokg_cli_test(query_construct_ntriples ARGS query -f ntriples --data ${F}
        -e "CONSTRUCT { ?a a ilokg:Actor } WHERE { ?a skos:notation \"EEAS\" }"
        STDOUT "^<https://w3id.org/ilokg/id/actor/EEAS> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://w3id.org/ilokg/ns#Actor> .\n$")
    # Limits.
    ilokg_cli_test(query_max_rows ARGS query -r csv --max-rows 2 --data ${F}
        -e "SELECT ?c WHERE { ?c a ilokg:Commitment }"
        STDOUT "^c\r\n[^\r]+\r\n[^\r]+\r\n$" STDERR "stopped after 2 rows")
    ilokg_cli_test(query_timeout_passes ARGS query -r csv --timeout 60 --data ${F}
        -e "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }" STDOUT "^n\r\n[0-9]+\r\n$")
    ilokg_cli_test(query_bad_timeout EXIT 2 ARGS query --timeout -3 -e "ASK {}"
        STDERR "--timeout needs a positive number")
    ilokg_cli_test(query_prefixes ARGS query --prefixes
        STDOUT "^ilokg: <https://w3id.org/ilokg/ns#>\nid: <https://w3id.org/ilokg/id/>\n.*sdg: <http://metadata.un.org/sdg/>\n")
endif()

# Every canned query and 400 generated ones over every SPARQL 1.1 feature through `ilokg query`
# and Jena ARQ, on the corpus export and on the hand-written graph; skipped without Jena. Each
# query has 300 s per engine: on a loaded machine a JVM can stall past the default 60 s, and a
# query cut short is not an answer to compare.
find_package(Python3 COMPONENTS Interpreter)
if(Python3_FOUND)
    add_test(NAME query_differential_jena
             COMMAND ${Python3_EXECUTABLE} ${CMAKE_SOURCE_DIR}/scripts/differential
                     --ilokg $<TARGET_FILE:ilokg> --data ${ILOKG_CORPUS_NT} --generate 400
                     --timeout 300)
    set_tests_properties(query_differential_jena PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 1800
                         FIXTURES_REQUIRED query_corpus LABELS "query;differential")
    add_test(NAME query_differential_jena_mini
             COMMAND ${Python3_EXECUTABLE} ${CMAKE_SOURCE_DIR}/scripts/differential
                     --ilokg $<TARGET_FILE:ilokg> --data ${ILOKG_QUERY_FIXTURE} --generate 200
                     --seed 2 --timeout 300)
    set_tests_properties(query_differential_jena_mini PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 1800
                         LABELS "query;differential")
endif()
