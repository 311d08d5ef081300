# The base IRI reaches the query side: after `convert --base X`, `query --base X` predeclares id:
# as X. The fixture converted with --base https://example.org/kg/ holds the triple
# <https://example.org/kg/doc/segment-actors> rdf:type ilokg:Document (checked by hand with grep
# on the N-Triples); the query finds it through id: only when --base says what id: stands for.
set(ilokg_base_nt ${CMAKE_CURRENT_BINARY_DIR}/base-example.nt)
set(ilokg_base_query "SELECT ?t WHERE { ?d a ?t FILTER(STR(?d) = CONCAT(STR(id:), \"doc/segment-actors\")) }")
add_test(NAME base_convert
         COMMAND $<TARGET_FILE:ilokg> convert --quiet --no-dataset --base https://example.org/kg/
                 -f ntriples -o ${ilokg_base_nt} ${CMAKE_CURRENT_SOURCE_DIR}/fixtures/segment-actors.txt)
set_tests_properties(base_convert PROPERTIES FIXTURES_SETUP base_nt LABELS cli)
add_test(NAME base_query_predeclares_id
         COMMAND $<TARGET_FILE:ilokg> query --data ${ilokg_base_nt} --base https://example.org/kg/
                 -r csv -e ${ilokg_base_query})
set_tests_properties(base_query_predeclares_id PROPERTIES FIXTURES_REQUIRED base_nt LABELS cli
                     PASS_REGULAR_EXPRESSION "^t\r?\nhttps://w3id.org/ilokg/ns#Document\r?\n$")
# Without --base, id: is the default base: no resource of this graph is under it.
add_test(NAME base_query_default_id
         COMMAND $<TARGET_FILE:ilokg> query --data ${ilokg_base_nt} -r csv -e ${ilokg_base_query})
set_tests_properties(base_query_default_id PROPERTIES FIXTURES_REQUIRED base_nt LABELS cli
                     PASS_REGULAR_EXPRESSION "^t\r?\n$")
add_test(NAME base_query_prefixes
         COMMAND $<TARGET_FILE:ilokg> query --base https://example.org/kg/ --prefixes)
set_tests_properties(base_query_prefixes PROPERTIES LABELS cli
                     PASS_REGULAR_EXPRESSION "\nid: <https://example.org/kg/>\n")
