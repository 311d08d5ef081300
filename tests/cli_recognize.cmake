# Recognition seen from the tool: a name the tables give to two countries is reported as a
# warning located in the document, and the run goes on (exit 0).

set(ILOKG_RECOGNIZE_CONGO ${CMAKE_CURRENT_SOURCE_DIR}/fixtures/recognize-congo.txt)

# "Congo" is COD or COG: line 2, column 31 of the fixture.
ilokg_cli_test(cli_recognize_ambiguous_country_warns
    STDERR "recognize-congo\\.txt:2:31: warning: ambiguous country name 'Congo' \\(COD or COG\\)"
    STDOUT "mentions: 3  warnings: 1"
    ARGS stats ${ILOKG_RECOGNIZE_CONGO})
