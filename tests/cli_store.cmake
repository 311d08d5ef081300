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

# Triple patterns bound by the time the engine reaches them (the store answers them
# through the indexes: subject+predicate, predicate+object, subject+object, all three, a
# constant triple), on the store, on --data and inside GRAPH. Each answer counted by hand from
# fixtures/query-bound.ttl and .nq.
if(COMMAND ilokg_cli_test)
    set(S ${CMAKE_CURRENT_BINARY_DIR}/store-bound)
    set(B ${CMAKE_CURRENT_SOURCE_DIR}/fixtures/query-bound.ttl)
    set(BQ ${CMAKE_CURRENT_SOURCE_DIR}/fixtures/query-bound.nq)
    set(T "https://w3id.org/ilokg/id/test/")
    add_test(NAME store_bound_clean COMMAND ${CMAKE_COMMAND} -E rm -rf ${S})
    set_tests_properties(store_bound_clean PROPERTIES FIXTURES_SETUP store_bound LABELS store)
    ilokg_cli_test(store_bound_load ARGS load --quiet --store ${S}/triples ${B})
    ilokg_cli_test(store_bound_load_quads ARGS load --quiet --store ${S}/quads ${BQ})
    set_tests_properties(store_bound_load store_bound_load_quads PROPERTIES
                         FIXTURES_REQUIRED store_bound FIXTURES_SETUP store_bound_loaded
                         LABELS store)
    # ?k is bound by the first pattern, so `?k a ilokg:Country` has all three parts known:
    # c1 and c2 mention FRA, c2 mentions DEU; the region and the instrument are not countries.
    set(q_countries "SELECT ?n (COUNT(?c) AS ?m) WHERE { ?c ilokg:mentions ?k . ?k a ilokg:Country . ?k skos:notation ?n } GROUP BY ?n ORDER BY ?n")
    set(a_countries "^n,m\r\nDEU,1\r\nFRA,2\r\n$")
    # Subject and object known: the arc between France and Europe.
    set(q_arc "SELECT ?p WHERE { ?k skos:notation \"FRA\" . ?r skos:notation \"150\" . ?k ?p ?r }")
    set(a_arc "^p\r\nhttps://w3id.org/ilokg/ns#memberOf\r\n$")
    # Predicate and object known, the object a literal: the language tag and the datatype must
    # survive the trip from the engine to the index (one source per label; C029 and P029 share 29).
    set(q_lang "SELECT (LANG(?l) AS ?lang) WHERE { ?k skos:notation \"FRA\" . ?k rdfs:label ?l . ?o rdfs:label ?l } ORDER BY ?lang")
    set(a_lang "^lang\r\nen\r\nfr\r\n$")
    set(q_int "SELECT ?n WHERE { ?i skos:notation \"C029\" . ?i ilokg:order ?v . ?j ilokg:order ?v . ?j skos:notation ?n } ORDER BY ?n")
    set(a_int "^n\r\nC029\r\nP029\r\n$")
    # One variable twice in a pattern; a subject alone; constant triples.
    set(q_loop "SELECT ?x WHERE { ?x ilokg:related ?x }")
    set(a_loop "^x\r\n${T}loop\r\n$")
    set(q_types "SELECT ?t WHERE { <${T}c029> a ?t } ORDER BY ?t")
    set(a_types "^t\r\nhttps://w3id.org/ilokg/ns#Convention\r\nhttps://w3id.org/ilokg/ns#Instrument\r\n$")
    set(q_yes "ASK { <${T}fra> a ilokg:Country }")
    set(a_yes "^_askResult\r\ntrue\r\n$")
    set(q_no "ASK { <${T}eur> a ilokg:Country }")
    set(a_no "^_askResult\r\nfalse\r\n$")
    foreach(case countries arc lang int loop types yes no)
        ilokg_cli_test(store_bound_${case} ARGS query -r csv --store ${S}/triples -e "${q_${case}}"
                       STDOUT "${a_${case}}")
        ilokg_cli_test(query_bound_${case} ARGS query -r csv --data ${B} -e "${q_${case}}"
                       STDOUT "${a_${case}}")
        set_tests_properties(store_bound_${case} PROPERTIES FIXTURES_REQUIRED store_bound_loaded
                             LABELS store)
    endforeach()
    # The same fully bound check inside GRAPH over an in-memory store of graphs: the file both
    # the default graph and a named graph (--data with --named, FROM with FROM NAMED).
    ilokg_cli_test(query_bound_named ARGS query -r csv --data ${B} --named ${B}
        -e "SELECT ?n (COUNT(?c) AS ?m) WHERE { GRAPH ?g { ?c ilokg:mentions ?k . ?k a ilokg:Country . ?k skos:notation ?n } } GROUP BY ?n ORDER BY ?n"
        STDOUT "${a_countries}")
    ilokg_cli_test(query_bound_from_named ARGS query -r csv
        -e "SELECT ?n (COUNT(?c) AS ?m) FROM <file://${B}> FROM NAMED <file://${B}> WHERE { GRAPH <file://${B}> { ?c ilokg:mentions ?k . ?k a ilokg:Country . ?k skos:notation ?n } } GROUP BY ?n ORDER BY ?n"
        STDOUT "${a_countries}")
    # Named graphs and no default graph (--named alone, FROM NAMED without FROM): GRAPH sees
    # every triple of the file (29, counted by rapper -c), the default graph is empty.
    ilokg_cli_test(query_named_only_graph ARGS query -r csv --named ${B}
        -e "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
        STDOUT "^g,n\r\nfile://${B},29\r\n$")
    ilokg_cli_test(query_named_only_default_empty ARGS query -r csv --named ${B}
        -e "SELECT ?s WHERE { ?s ?p ?o }" STDOUT "^s\r\n$")
    ilokg_cli_test(query_from_named_only ARGS query -r csv
        -e "SELECT (COUNT(*) AS ?n) FROM NAMED <file://${B}> WHERE { GRAPH <file://${B}> { ?s ?p ?o } }"
        STDOUT "^n\r\n29\r\n$")
    # A store of graphs: c1 mentions the country in g1, c2 in g2 (and a non-country); the
    # country is typed in both graphs. Outside GRAPH the check reads every graph; GRAPH ?g
    # binds each graph where it holds; GRAPH <g> keeps to that graph.
    ilokg_cli_test(store_bound_quads_default ARGS query -r csv --store ${S}/quads
        -e "SELECT DISTINCT ?c WHERE { ?c ilokg:mentions ?k . ?k a ilokg:Country } ORDER BY ?c"
        STDOUT "^c\r\n${T}c1\r\n${T}c2\r\n$")
    ilokg_cli_test(store_bound_quads_graph_var ARGS query -r csv --store ${S}/quads
        -e "SELECT ?c ?g WHERE { ?c ilokg:mentions ?k . GRAPH ?g { ?k a ilokg:Country } } ORDER BY ?c ?g"
        STDOUT "^c,g\r\n${T}c1,${T}g1\r\n${T}c1,${T}g2\r\n${T}c2,${T}g1\r\n${T}c2,${T}g2\r\n$")
    ilokg_cli_test(store_bound_quads_graph_iri ARGS query -r csv --store ${S}/quads
        -e "SELECT ?c ?k WHERE { GRAPH <${T}g2> { ?c ilokg:mentions ?k . ?k a ilokg:Country } }"
        STDOUT "^c,k\r\n${T}c2,${T}fra\r\n$")
    set_tests_properties(store_bound_quads_default store_bound_quads_graph_var
                         store_bound_quads_graph_iri PROPERTIES
                         FIXTURES_REQUIRED store_bound_loaded LABELS store)
endif()
