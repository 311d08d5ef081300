# Terms through `ilokg query` and back (tests/check_query_terms.py): the predeclared prefixes,
# each usable in a query and listed in its order; and escapes.

find_package(Python3 REQUIRED COMPONENTS Interpreter)
add_test(NAME query_terms_prefixes
         COMMAND Python3::Interpreter ${CMAKE_CURRENT_SOURCE_DIR}/check_query_terms.py
                 $<TARGET_FILE:ilokg> ${CMAKE_CURRENT_BINARY_DIR}/query-terms prefixes)
set_tests_properties(query_terms_prefixes PROPERTIES LABELS query)

# A literal holding U+0001, backspace, form feed, tab, CR, LF, backslash, quote and DEL, read
# back from TSV (Turtle-syntax terms: one escaper with the serialisers), CSV, JSON and XML.
add_test(NAME query_terms_escapes
         COMMAND Python3::Interpreter ${CMAKE_CURRENT_SOURCE_DIR}/check_query_terms.py
                 $<TARGET_FILE:ilokg> ${CMAKE_CURRENT_BINARY_DIR}/query-terms escapes)
set_tests_properties(query_terms_escapes PROPERTIES LABELS query)
