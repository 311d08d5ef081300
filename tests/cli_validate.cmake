# ilokg validate: hand-broken graphs fail with one error per violation naming focus node and path
# (exit 1), a good graph passes (exit 0); Jena's SHACL engine agrees on the broken ones.

set(ILOKG_FIX ${CMAKE_CURRENT_SOURCE_DIR}/fixtures)
if(COMMAND ilokg_cli_test)
    ilokg_cli_test(validate_good_graph STDOUT "^$"
                   ARGS validate ${CMAKE_CURRENT_SOURCE_DIR}/golden/small-doc.nt)
    ilokg_cli_test(validate_broken_commitment EXIT 1
        STDERR "broken-commitment.ttl: error: <https://w3id.org/ilokg/id/doc/x/commitment/1>: ilokg:modality: 2 values, at most 1 allowed.*6 violations of the shapes"
        ARGS validate ${ILOKG_FIX}/broken-commitment.ttl)
    ilokg_cli_test(validate_broken_commitment_span EXIT 1
        STDERR "<https://w3id.org/ilokg/id/doc/x/commitment/1>: nif:beginIndex: value \"50\"\\^\\^xsd:nonNegativeInteger is not less than nif:endIndex"
        ARGS validate ${ILOKG_FIX}/broken-commitment.ttl)
    ilokg_cli_test(validate_broken_entities EXIT 1
        STDERR "broken-entities.ttl: error: <https://w3id.org/ilokg/id/doc/y/mention/3-9>: ilokg:refersTo: 0 values, at least 1 required.*8 violations of the shapes"
        ARGS validate ${ILOKG_FIX}/broken-entities.ttl)
    ilokg_cli_test(validate_format_option EXIT 1 STDERR "6 violations"
        ARGS validate --format turtle ${ILOKG_FIX}/broken-commitment.ttl)
    ilokg_cli_test(validate_shapes_option STDOUT "^$"
        ARGS validate --shapes ${CMAKE_SOURCE_DIR}/ontology/shapes.ttl
             ${CMAKE_CURRENT_SOURCE_DIR}/golden/small-doc.nt)
    ilokg_cli_test(validate_no_input EXIT 2 STDERR "no input" ARGS validate)
    ilokg_cli_test(validate_bad_format EXIT 2 STDERR "unknown format 'n3'"
        ARGS validate --format n3 ${ILOKG_FIX}/broken-commitment.ttl)
    ilokg_cli_test(validate_unknown_extension EXIT 2
        STDERR "bad-utf8.txt: error: cannot tell the format from the file name; give --format"
        ARGS validate ${ILOKG_FIX}/bad-utf8.txt)
    ilokg_cli_test(validate_unparsable EXIT 1 STDERR "bad-utf8.txt:1: error: syntax error"
        ARGS validate --format turtle ${ILOKG_FIX}/bad-utf8.txt)
endif()

find_program(ILOKG_JAVA java)
if(ILOKG_JAVA)
    foreach(name broken-commitment broken-entities)
        add_test(NAME validate_jena_agrees_${name}
                 COMMAND ${CMAKE_SOURCE_DIR}/scripts/jena shacl.shacl validate
                         --shapes ${CMAKE_SOURCE_DIR}/ontology/shapes.ttl
                         --data ${ILOKG_FIX}/${name}.ttl)
        set_tests_properties(validate_jena_agrees_${name} PROPERTIES
                             PASS_REGULAR_EXPRESSION "sh:conforms +false" LABELS validate)
    endforeach()
endif()
