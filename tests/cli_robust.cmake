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
