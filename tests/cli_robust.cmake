# Bad and hostile input, interruption and the command line users expect: each row of
# docs/reliability.md is a test here (or in a unit test it names).

set(ILOKG_ROBUST ${CMAKE_CURRENT_SOURCE_DIR}/fixtures/robust)
set(ILOKG_ROBUST_SCRATCH ${CMAKE_CURRENT_BINARY_DIR}/robust-scratch)

# A manifest cannot lead outside its directory: not by "..", not through a symbolic link.
ilokg_cli_test(robust_manifest_traversal EXIT 1 ARGS convert ${ILOKG_ROBUST}/traversal
    STDERR "traversal/MANIFEST.tsv:2:5: error: the file this row names lies outside the manifest's directory"
    NOT_STDERR "Conclusions")
ilokg_cli_test(robust_manifest_symlink EXIT 1 ARGS stats ${ILOKG_ROBUST}/symlink
    STDERR "symlink/MANIFEST.tsv:2:5: error: the file this row names lies outside")
ilokg_cli_test(robust_manifest_allow_outside ARGS convert --allow-outside -f ntriples
    ${ILOKG_ROBUST}/traversal STDOUT "<https://w3id.org/ilokg/id/doc/out>")

# --endpoint is a web server: curl must not read local files (the message quoted their first line).
ilokg_cli_test(robust_endpoint_file_url EXIT 2 ARGS query --endpoint file:///etc/passwd -e "ASK {}"
    STDERR "error: the endpoint must be an http:// or https:// URL" NOT_STDERR "root:")

# RDF/XML: entity declarations and external DTDs are refused before the XML parser sees them
# (a billion-laughs file crashed validate under a memory limit; an external entity read a file).
ilokg_cli_test(robust_validate_entity_bomb EXIT 1 ARGS validate ${ILOKG_ROBUST}/entity-bomb.rdf
    STDERR "entity-bomb.rdf:3:2: error: entity declarations are not accepted in RDF/XML")
ilokg_cli_test(robust_validate_external_entity EXIT 1
    ARGS validate ${ILOKG_ROBUST}/external-entity.rdf
    STDERR "external-entity.rdf:3:2: error: entity declarations are not accepted" NOT_STDERR "root:")

# Literals escaped by each syntax's rules: a CR and control characters in a manifest field give
# output every parser reads back (validate with no shapes only parses), in every text format.
file(MAKE_DIRECTORY ${ILOKG_ROBUST_SCRATCH})
foreach(ext ttl nt nq trig)
    add_test(NAME robust_control_chars_${ext}
             COMMAND sh -c "'$<TARGET_FILE:ilokg>' convert --quiet -o '${ILOKG_ROBUST_SCRATCH}/ctl.${ext}' \
'${ILOKG_ROBUST}/control-chars' && '$<TARGET_FILE:ilokg>' validate --shapes '${ILOKG_ROBUST}/no-shapes.ttl' \
'${ILOKG_ROBUST_SCRATCH}/ctl.${ext}' && grep -c 'Title with.r' '${ILOKG_ROBUST_SCRATCH}/ctl.${ext}'")
    set_tests_properties(robust_control_chars_${ext} PROPERTIES LABELS cli)
endforeach()
add_test(NAME robust_control_chars_jsonld
         COMMAND sh -c "'$<TARGET_FILE:ilokg>' convert --quiet -o '${ILOKG_ROBUST_SCRATCH}/ctl.jsonld' \
'${ILOKG_ROBUST}/control-chars' && python3 -c 'import json, sys; \
sys.exit(0 if \"Title with\\\\r\" in json.dumps(json.load(open(sys.argv[1]))) else 1)' \
'${ILOKG_ROBUST_SCRATCH}/ctl.jsonld'")
set_tests_properties(robust_control_chars_jsonld PROPERTIES LABELS cli)
# XML 1.0 cannot carry U+0001: an error naming the statement, exit 1, nothing written.
ilokg_cli_test(robust_control_chars_rdfxml EXIT 1 SCRATCH ${ILOKG_ROBUST_SCRATCH}/xml AFTER_FILES
    ARGS convert --quiet -o out.rdf ${ILOKG_ROBUST}/control-chars
    STDERR "error: <https://w3id.org/ilokg/id/doc/ctl> <http://purl.org/dc/terms/title>: the value holds U\\+0001, which XML 1.0 cannot carry")
