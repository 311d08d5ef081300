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

# Nothing left behind, every file with the umask's mode.
# -o: the new file has 0666 less the umask (mkstemp's 0600 before), and is still written
# atomically.
foreach(mask 022:644 077:600 002:664)
    string(REPLACE ":" ";" pair ${mask})
    list(GET pair 0 m)
    list(GET pair 1 mode)
    add_test(NAME robust_output_umask_${m}
             COMMAND sh -c "cd '${ILOKG_ROBUST_SCRATCH}' && rm -f umask${m}.nt && umask ${m} && \
'$<TARGET_FILE:ilokg>' convert --quiet -o umask${m}.nt '${ILOKG_ROBUST}/control-chars' && stat -c 'mode %a' umask${m}.nt")
    set_tests_properties(robust_output_umask_${m} PROPERTIES LABELS cli
                         PASS_REGULAR_EXPRESSION "^mode ${mode}\n$")
endforeach()
# -o onto a symbolic link replaces the link; the file it pointed to is untouched.
add_test(NAME robust_output_symlink
         COMMAND sh -c "cd '${ILOKG_ROBUST_SCRATCH}' && rm -rf sl && mkdir sl && cd sl && \
echo keep > target && ln -s target link.nt && \
'$<TARGET_FILE:ilokg>' convert --quiet -o link.nt '${ILOKG_ROBUST}/control-chars' && \
test ! -L link.nt && test -s link.nt && test \"$(cat target)\" = keep && echo replaced")
set_tests_properties(robust_output_symlink PROPERTIES LABELS cli PASS_REGULAR_EXPRESSION "^replaced\n$")
# -o onto a FIFO writes through it (a stream: nothing to rename); one nobody reads is an error at
# once instead of a hang.
add_test(NAME robust_output_fifo
         COMMAND sh -c "cd '${ILOKG_ROBUST_SCRATCH}' && rm -rf ff && mkdir ff && cd ff && \
mkfifo out.nt && (cat out.nt > got.nt &) && sleep 0.2 && \
'$<TARGET_FILE:ilokg>' convert --quiet -o out.nt '${ILOKG_ROBUST}/control-chars' && sleep 0.2 && \
test -p out.nt && grep -c 'Title with' got.nt && ls")
set_tests_properties(robust_output_fifo PROPERTIES LABELS cli
                     PASS_REGULAR_EXPRESSION "^2\ngot.nt\nout.nt\n$")
# A link to a FIFO or a device is written through: -o /dev/stdout (a link to /proc/self/fd/1, here
# a pipe) writes to standard output and leaves /dev/stdout alone.
ilokg_cli_test(robust_output_dev_stdout ARGS convert --quiet -f ntriples -o /dev/stdout
    ${ILOKG_ROBUST}/control-chars STDOUT "<https://w3id.org/ilokg/id/doc/ctl> <http://purl.org/dc/terms/title> \"Title with")
add_test(NAME robust_output_fifo_no_reader
         COMMAND sh -c "cd '${ILOKG_ROBUST_SCRATCH}' && rm -rf fn && mkdir fn && cd fn && \
mkfifo out.nt && '$<TARGET_FILE:ilokg>' convert --quiet -o out.nt '${ILOKG_ROBUST}/control-chars'; \
echo \"exit $?\"; ls")
set_tests_properties(robust_output_fifo_no_reader PROPERTIES LABELS cli TIMEOUT 20
                     PASS_REGULAR_EXPRESSION "out.nt: error: cannot open: no process reads this FIFO\nexit 1\nout.nt\n$")
# Past a file-size limit the write fails (EFBIG, not SIGXFSZ): an error, the temporary removed.
add_test(NAME robust_output_file_size_limit
         COMMAND sh -c "cd '${ILOKG_ROBUST_SCRATCH}' && rm -rf fs && mkdir fs && cd fs && \
(ulimit -f 8 && '$<TARGET_FILE:ilokg>' convert --quiet -o out.nt '${CMAKE_SOURCE_DIR}/data/corpus'); \
echo \"exit $?\"; ls; echo end")
set_tests_properties(robust_output_file_size_limit PROPERTIES LABELS cli
                     PASS_REGULAR_EXPRESSION "out.nt: error: write error: File too large\nexit 1\nend\n$")
# Temporary files whose writer died (SIGKILL, a crash) are swept by the next -o to the same
# file; one of a live process (this shell) is left alone.
add_test(NAME robust_output_sweeps_stale
         COMMAND sh -c "cd '${ILOKG_ROBUST_SCRATCH}' && rm -rf sw && mkdir sw && cd sw && \
touch out.nt.tmp.2147483646.AbCdEf out.nt.tmp.$$.XyZ123 other.nt.tmp.2147483646.AbCdEf && \
'$<TARGET_FILE:ilokg>' convert --quiet -o out.nt '${ILOKG_ROBUST}/control-chars' && ls")
set_tests_properties(robust_output_sweeps_stale PROPERTIES LABELS cli
                     PASS_REGULAR_EXPRESSION "^other.nt.tmp.2147483646.AbCdEf\nout.nt\nout.nt.tmp.[0-9]+.XyZ123\n$")
# SIGINT and SIGTERM during convert -o: the temporary file goes with the process. The signal is
# sent as soon as the temporary file appears (polled), up to 20 tries. (set -m: a background job
# of a shell without job control would ignore SIGINT.) Either the output was complete and renamed
# just before the signal, or nothing is left; never a temporary file. A run that finished before
# the signal reached it (exit 0) is tried again.
foreach(sig INT TERM)
    add_test(NAME robust_output_signal_${sig}
             COMMAND bash -c "set -m; cd '${ILOKG_ROBUST_SCRATCH}' && rm -rf sig${sig} && mkdir sig${sig} && cd sig${sig} && \
for try in $(seq 20); do \
'$<TARGET_FILE:ilokg>' convert --quiet -f jsonld -o out.jsonld '${CMAKE_SOURCE_DIR}/data/corpus' & pid=$!; \
while kill -0 $pid 2>/dev/null && ! ls out.jsonld.tmp.* >/dev/null 2>&1; do :; done; \
if ls out.jsonld.tmp.* >/dev/null 2>&1; then kill -${sig} $pid; wait $pid; st=$?; \
if [ $st -ne 0 ]; then echo \"status $st\"; ls; echo end; exit 0; fi; rm -f out.jsonld; continue; fi; \
wait $pid; rm -f out.jsonld; done; echo never-caught")
    set_tests_properties(robust_output_signal_${sig} PROPERTIES LABELS cli TIMEOUT 300
                         PASS_REGULAR_EXPRESSION "status 1[34][0-9]\n(out.jsonld\n)?end\n$")
endforeach()
# Out of memory says so (exit 1 without a word before); /dev/zero is stopped at 1 GiB anyway.
# Under ASan, which cannot run under ulimit -v, its allocator's own limit stands in.
if(ILOKG_SANITIZE)
    set(ilokg_memory_limit "ASAN_OPTIONS=\"$ASAN_OPTIONS:allocator_may_return_null=1:max_allocation_size_mb=64\" ")
else()
    set(ilokg_memory_limit "ulimit -v 300000; ")
endif()
add_test(NAME robust_out_of_memory
         COMMAND sh -c "${ilokg_memory_limit}'$<TARGET_FILE:ilokg>' stats /dev/zero; echo \"exit $?\"")
set_tests_properties(robust_out_of_memory PROPERTIES LABELS cli
                     PASS_REGULAR_EXPRESSION "/dev/zero: error: (out of memory|larger than).*\nexit 1\n$")
# Control characters from the input are escaped before they reach the terminal.
add_test(NAME robust_message_escapes_controls
         COMMAND sh -c "'$<TARGET_FILE:ilokg>' stats \"$(printf 'a\\033[31mb.txt')\" 2>&1 | od -c | grep -c 033; echo end")
set_tests_properties(robust_message_escapes_controls PROPERTIES LABELS cli PASS_REGULAR_EXPRESSION "^0\nend\n$")
ilokg_cli_test(robust_message_escape_shown EXIT 1 ARGS stats ${ILOKG_ROBUST}/control-chars/../nope\tname.txt
    STDERR "nope\\\\x09name\\.txt: error: cannot open")

# The command line: options anywhere, -- ends them, -h everywhere, did you mean.
ilokg_cli_test(robust_cli_option_after_operand SCRATCH ${ILOKG_ROBUST_SCRATCH}/after
    AFTER_FILES out.nt ARGS convert ${ILOKG_ROBUST}/control-chars -o out.nt --quiet)
ilokg_cli_test(robust_cli_query_option_after_file
    ARGS query ${CMAKE_SOURCE_DIR}/queries/documents-overview.rq -r csv
    --data ${CMAKE_CURRENT_SOURCE_DIR}/fixtures/query-mini.ttl
    STDOUT "^doc,type,issued,meeting,sections,commitments,mentions\r?\nhlm13-2017,")
ilokg_cli_test(robust_cli_load_option_after_file SCRATCH ${ILOKG_ROBUST_SCRATCH}/load
    ARGS load ${CMAKE_CURRENT_SOURCE_DIR}/fixtures/query-mini.ttl --store store --quiet)
ilokg_cli_test(robust_cli_double_dash EXIT 1 SCRATCH ${ILOKG_ROBUST_SCRATCH}/dd AFTER_FILES
    ARGS convert --quiet -- -o STDERR "^-o: error: cannot open")
foreach(cmd convert stats load query validate)
    ilokg_cli_test(robust_cli_h_${cmd} ARGS ${cmd} -h STDOUT "^Usage: ilokg ${cmd} \\[OPTIONS\\]")
endforeach()
ilokg_cli_test(robust_cli_help_command ARGS help query STDOUT "^Usage: ilokg query \\[OPTIONS\\]")
ilokg_cli_test(robust_cli_did_you_mean EXIT 2 ARGS conver ${ILOKG_ROBUST}/control-chars
    STDERR "^ilokg: unknown command 'conver'\\nDid you mean 'ilokg convert'\\?\\n")
ilokg_cli_test(robust_cli_did_you_mean_prefix EXIT 2 ARGS val x.ttl
    STDERR "Did you mean 'ilokg validate'\\?")
ilokg_cli_test(robust_cli_no_guess EXIT 2 ARGS frobnicate NOT_STDERR "Did you mean")
# A file with no document structure (an export, a query) is refused with the reason.
ilokg_cli_test(robust_convert_turtle_refused EXIT 1 ARGS convert ${ILOKG_ROBUST}/not-a-document.ttl
    STDERR "not-a-document.ttl:1:1: error: this looks like Turtle, not the text of a policy document")
ilokg_cli_test(robust_convert_query_refused EXIT 1
    ARGS convert ${CMAKE_SOURCE_DIR}/queries/actor-pairs.rq
    STDERR "actor-pairs.rq:[0-9]+:1: error: this looks like a SPARQL query")
ilokg_cli_test(robust_convert_no_structure EXIT 1 ARGS stats ${ILOKG_ROBUST}/no-structure.txt
    STDERR "no-structure.txt:1:1: error: no document structure found")

# An RDF/XML error names its file (libxml's messages reach raptor without a locator).
ilokg_cli_test(robust_validate_rdfxml_error_names_file EXIT 1
    ARGS validate ${ILOKG_ROBUST}/bad-tags.rdf
    STDERR "bad-tags.rdf: error: XML parser error: Opening and ending tag mismatch")

# docs/reliability.md: every test a row names exists.
add_test(NAME robust_reliability_page_tests_exist
         COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/check-reliability ${CMAKE_SOURCE_DIR}/docs/reliability.md
                 ${CMAKE_BINARY_DIR})
set_tests_properties(robust_reliability_page_tests_exist PROPERTIES LABELS cli)

# Input that waited forever or was cut short without a word.
# A FIFO no process writes to was opened with a blocking open(): stats waited for ever.
add_test(NAME robust_input_fifo_no_writer
         COMMAND sh -c "cd '${ILOKG_ROBUST_SCRATCH}' && rm -rf fi && mkdir fi && cd fi && \
mkfifo in.txt && '$<TARGET_FILE:ilokg>' stats in.txt; echo \"exit $?\"")
set_tests_properties(robust_input_fifo_no_writer PROPERTIES LABELS cli TIMEOUT 20
                     PASS_REGULAR_EXPRESSION "in.txt: error: cannot open: no process writes to this FIFO\nexit 1\n$")
# A pipe with a writer (a shell's <(...)) is read as before: hlm13 has 73 commitments.
add_test(NAME robust_input_pipe_with_writer
         COMMAND sh -c "cat '${CMAKE_SOURCE_DIR}/data/corpus/hlm13-2017-joint-conclusions.txt' | \
'$<TARGET_FILE:ilokg>' stats /dev/stdin")
set_tests_properties(robust_input_pipe_with_writer PROPERTIES LABELS cli TIMEOUT 60
                     PASS_REGULAR_EXPRESSION "commitments: 73 ")
# A NUL byte cut an item's text at "Coop": refused at its line and column (line 2, after "Coop").
add_test(NAME robust_input_nul_byte
         COMMAND sh -c "cd '${ILOKG_ROBUST_SCRATCH}' && printf 'Title\\nCoop\\000erate\\n' > nul.txt && \
'$<TARGET_FILE:ilokg>' convert -o nul.ttl nul.txt; echo \"exit $?\"; ls nul.ttl 2>&1")
set_tests_properties(robust_input_nul_byte PROPERTIES LABELS cli
    PASS_REGULAR_EXPRESSION "nul.txt:2:5: error: NUL byte \\(U\\+0000\\) in the text.*exit 1\n.*No such file")
# stats counts a mention per entity named; the graph has one ilokg:Mention per span. hlm13: 168
# entity mentions at 165 spans, 3 of which name two regions (checked with a query over the graph:
# COUNT(DISTINCT ?m) 165, COUNT(ilokg:refersTo) 168).
ilokg_cli_test(robust_stats_mention_spans
    ARGS stats ${CMAKE_SOURCE_DIR}/data/corpus/hlm13-2017-joint-conclusions.txt
    STDOUT "mentions: 168  warnings: 0\n  mention spans: 165 \\(ilokg:Mention resources in the graph; 3 of them name more than one entity\\)")
# A literal longer than the loader's 64 KB chunks, with a two-byte character across the first
# chunk boundary (bytes 65535-65536) and lines after it: raptor is given whole lines (it used to
# rescan the unfinished line with every chunk: a 16 MB literal hung). 200000 characters, 3 triples.
add_test(NAME robust_ntriples_long_literal
         COMMAND sh -c "cd '${ILOKG_ROBUST_SCRATCH}' && python3 -c \"import sys; \
sys.stdout.write('<http://e/a> <http://e/p> \\\\\\\"' + 'x' * 65508 + '\\\\u00e9' + 'y' * 134491 + '\\\\\\\" .\\\\n<http://e/b> <http://e/p> \\\\\\\"b\\\\\\\" .\\\\n<http://e/c> <http://e/p> <http://e/d> .\\\\n')\" > long.nt && \
'$<TARGET_FILE:ilokg>' query --data long.nt -r csv -e 'SELECT (MAX(STRLEN(?o)) AS ?n) (COUNT(*) AS ?t) { ?s ?p ?o }'")
set_tests_properties(robust_ntriples_long_literal PROPERTIES LABELS cli
                     PASS_REGULAR_EXPRESSION "n,t\r?\n200000,3")

# What the fuzz targets (fuzz/, scripts/fuzz) found stays fixed: their inputs in
# tests/fixtures/fuzz/ and about 500 of the repository's seed inputs through the built tool, each
# surface as a user reaches it; a crash, a hang or any sanitizer report fails.
add_test(NAME robust_fuzz_replay
         COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/replay-fuzz $<TARGET_FILE:ilokg> ${CMAKE_SOURCE_DIR}
                 ${ILOKG_ROBUST_SCRATCH}/replay)
set_tests_properties(robust_fuzz_replay PROPERTIES LABELS cli TIMEOUT 1800
                     PASS_REGULAR_EXPRESSION "replayed: 0 failures")

# Tables are for people: a literal's text without quotes, escapes or datatype (its language tag
# kept), control characters shown escaped so that a row stays one line.
ilokg_cli_test(robust_table_plain_values ARGS query -r table --data ${ILOKG_QUERY_FIXTURE}
    -e "SELECT ?l ?n WHERE { VALUES (?l ?n) { (\"a\\nb\" 3) (\"HLM 13\"@en \"2017-01-18\"^^xsd:date) } }"
    STDOUT "\\| a.nb +\\| 3 +\\|\n\\| HLM 13@en \\| 2017-01-18 \\|\n")
# On a terminal, columns are cut with an ellipsis to its width (a 40-column terminal: one column
# of 36 characters, 35 of the label and the ellipsis); in a pipe or a file, never.
add_test(NAME robust_table_terminal_width
         COMMAND script -qec "stty cols 40; '$<TARGET_FILE:ilokg>' query -r table --data '${ILOKG_QUERY_FIXTURE}' -e 'SELECT ?l WHERE { VALUES ?l { \"HLM 13 is a long label that does not fit\" } }'" /dev/null)
set_tests_properties(robust_table_terminal_width PROPERTIES LABELS cli
                     PASS_REGULAR_EXPRESSION "\n\\| HLM 13 is a long label that does no… \\|\r?\n")
ilokg_cli_test(robust_table_pipe_width ARGS query -r table --data ${ILOKG_QUERY_FIXTURE}
    -e "SELECT ?l WHERE { VALUES ?l { \"HLM 13 is a long label that does not fit\" } }"
    STDOUT "\\| HLM 13 is a long label that does not fit \\|\n")

# JSON-LD whose context is remote: nothing is fetched, the error names the place.
ilokg_cli_test(robust_jsonld_remote_context EXIT 1
    ARGS query --data ${ILOKG_ROBUST}/remote-context.jsonld -e "ASK {}"
    STDERR "remote-context.jsonld:1:14: error: JSON-LD: the remote context <https://schema.org/> is not fetched")

# XML 1.0 cannot carry U+0001, not even as a reference: SPARQL XML results and RDF/XML answers
# refuse the value, naming it, with exit 1 (raptor dropped the character and exited 0).
ilokg_cli_test(robust_results_xml_control_char EXIT 1
    ARGS query --data ${ILOKG_ROBUST}/control-char.nt -r xml -e "SELECT ?o { ?s ?p ?o } ORDER BY ?p"
    STDERR "result 1: the value of \\?o holds U\\+0001, which XML 1.0 cannot carry; ask for the results as JSON")
ilokg_cli_test(robust_construct_rdfxml_control_char EXIT 1
    ARGS query --data ${ILOKG_ROBUST}/control-char.nt -f rdfxml -e "CONSTRUCT WHERE { ?s ?p ?o }"
    STDERR "the object holds U\\+0001, which XML 1.0 cannot carry; ask for another format"
    STDOUT "^$")

# raptor's Turtle lexer crashes (SIGSEGV) on "<>" followed by '{' (found by fuzzing): the text
# is scanned first and refused at the "<>", in every command that reads Turtle or TriG.
ilokg_cli_test(robust_turtle_empty_iri_graph EXIT 1
    ARGS query --data ${CMAKE_CURRENT_SOURCE_DIR}/fixtures/fuzz/rdf-empty-iri-graph.trig -e "ASK {}"
    STDERR "rdf-empty-iri-graph.trig:4:8: error: the empty IRI <> before '\\{'")
ilokg_cli_test(robust_validate_empty_iri_graph EXIT 1
    ARGS validate ${CMAKE_CURRENT_SOURCE_DIR}/fixtures/fuzz/rdf-empty-iri-graph.ttl
    STDERR "rdf-empty-iri-graph.ttl:3:7: error: the empty IRI <> before '\\{'")
