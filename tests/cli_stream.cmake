# The streamed convert: with two jobs it writes the files the corpus export wrote with one (same
# bytes); every copy of a document in a corpus copied three times gives the original's statements
# once its id is put back; --quiet prints nothing; progress and the summary show on a terminal.

set(ILOKG_STREAM_DIR ${CMAKE_CURRENT_BINARY_DIR}/stream)
file(MAKE_DIRECTORY ${ILOKG_STREAM_DIR})

foreach(ext nt nq ttl trig)
    add_test(NAME stream_jobs_same_${ext}
             COMMAND sh -c "SOURCE_DATE_EPOCH=${ILOKG_EXPORT_EPOCH} '$<TARGET_FILE:ilokg>' \
convert --quiet -j 2 -o '${ILOKG_STREAM_DIR}/j2.${ext}' '${CMAKE_SOURCE_DIR}/data/corpus' && \
cmp '${ILOKG_EXPORT_DIR}/export.${ext}' '${ILOKG_STREAM_DIR}/j2.${ext}'")
    set_tests_properties(stream_jobs_same_${ext} PROPERTIES FIXTURES_REQUIRED export_corpus
                         LABELS export)
endforeach()

if(ILOKG_PYTHON3)
    add_test(NAME stream_copies_same
             COMMAND sh -c "rm -rf '${ILOKG_STREAM_DIR}/x3' && \
'${ILOKG_PYTHON3}' '${CMAKE_SOURCE_DIR}/bench/scale-text' 3 '${CMAKE_SOURCE_DIR}/data/corpus' \
'${ILOKG_STREAM_DIR}/x3' && \
'$<TARGET_FILE:ilokg>' convert --quiet -j 2 -o '${ILOKG_STREAM_DIR}/x3.nq' '${ILOKG_STREAM_DIR}/x3' && \
'${ILOKG_PYTHON3}' '${CMAKE_CURRENT_SOURCE_DIR}/check_stream_copies.py' \
'${CMAKE_SOURCE_DIR}/data/corpus' 3 '${ILOKG_EXPORT_DIR}/export.nq' '${ILOKG_STREAM_DIR}/x3.nq'")
    set_tests_properties(stream_copies_same PROPERTIES FIXTURES_REQUIRED export_corpus
                         PASS_REGULAR_EXPRESSION "15 copies of 5 documents identical"
                         LABELS export)
endif()

# Temporary files go beside the output: an unusable TMPDIR does not matter to a file output (the
# same bytes as the export), but to the standard output it is a clear error with nothing written.
add_test(NAME stream_tmpdir_beside_output
         COMMAND sh -c "TMPDIR=/nonexistent/tmp SOURCE_DATE_EPOCH=${ILOKG_EXPORT_EPOCH} \
'$<TARGET_FILE:ilokg>' convert --quiet -o '${ILOKG_STREAM_DIR}/tmpdir.nt' \
'${CMAKE_SOURCE_DIR}/data/corpus' && \
cmp '${ILOKG_EXPORT_DIR}/export.nt' '${ILOKG_STREAM_DIR}/tmpdir.nt' && \
test -z \"$(ls -A '${ILOKG_STREAM_DIR}' | grep -F .ilokg-spill)\"")
set_tests_properties(stream_tmpdir_beside_output PROPERTIES FIXTURES_REQUIRED export_corpus
                     LABELS export)
add_test(NAME stream_tmpdir_unusable_stdout
         COMMAND sh -c "TMPDIR=/nonexistent/tmp '$<TARGET_FILE:ilokg>' convert --quiet -f nt \
'${CMAKE_SOURCE_DIR}/data/corpus' > '${ILOKG_STREAM_DIR}/tmpdir-stdout.nt'; rc=$?; \
test $rc -ne 0 && test ! -s '${ILOKG_STREAM_DIR}/tmpdir-stdout.nt' && echo rc=$rc")
set_tests_properties(stream_tmpdir_unusable_stdout PROPERTIES LABELS export
    PASS_REGULAR_EXPRESSION "error: cannot create a temporary file in /nonexistent/tmp: No such file or directory \\(TMPDIR\\).*rc=1")

# The corpus's reader warnings are all --quiet would let through besides errors: none.
add_test(NAME stream_quiet_silent
         COMMAND sh -c "err=$('$<TARGET_FILE:ilokg>' convert --quiet -j 2 -f nt \
-o '${ILOKG_STREAM_DIR}/quiet.nt' '${CMAKE_SOURCE_DIR}/data/corpus' 2>&1 >/dev/null) && \
test -z \"$err\" && test -s '${ILOKG_STREAM_DIR}/quiet.nt'")
set_tests_properties(stream_quiet_silent PROPERTIES LABELS export)

# On a terminal (script(1) gives one): progress lines, then the summary.
find_program(ILOKG_SCRIPT script)
if(ILOKG_SCRIPT)
    add_test(NAME stream_progress_on_tty
             COMMAND ${ILOKG_SCRIPT} -qec "'$<TARGET_FILE:ilokg>' convert -f nt \
-o '${ILOKG_STREAM_DIR}/tty.nt' '${CMAKE_SOURCE_DIR}/data/corpus'" /dev/null)
    set_tests_properties(stream_progress_on_tty PROPERTIES LABELS export
        PASS_REGULAR_EXPRESSION "ilokg: 5 documents, 0\\.2 MB of text, [0-9]+ statements in")
endif()

# load and validate: on a terminal a progress line (validate: per file; load: also as it reads a
# file) and a one-line summary, nothing without one. Their input is the corpus export the export tests write.
if(ILOKG_SCRIPT)
    add_test(NAME stream_load_summary_on_tty
             COMMAND ${ILOKG_SCRIPT} -qec "'$<TARGET_FILE:ilokg>' load \
--store '${ILOKG_STREAM_DIR}/tty.store' '${ILOKG_EXPORT_DIR}/export.nt' \
'${ILOKG_EXPORT_DIR}/export.ttl'" /dev/null)
    set_tests_properties(stream_load_summary_on_tty PROPERTIES FIXTURES_REQUIRED export_corpus
        LABELS export PASS_REGULAR_EXPRESSION
        "ilokg: [01]/2 files, [0-9.]+ MB, .*ilokg: 2 files, [0-9.]+ MB read, [0-9]+ statements in")
    add_test(NAME stream_validate_progress_on_tty
             COMMAND ${ILOKG_SCRIPT} -qec "'$<TARGET_FILE:ilokg>' validate \
'${ILOKG_EXPORT_DIR}/export.nt' '${ILOKG_EXPORT_DIR}/export.ttl'" /dev/null)
    set_tests_properties(stream_validate_progress_on_tty PROPERTIES FIXTURES_REQUIRED
        export_corpus LABELS export PASS_REGULAR_EXPRESSION
        "ilokg: 1/2 files, [0-9.]+ MB, .*ilokg: 2 files, [0-9.]+ MB read, [0-9]+ statements in")
    add_test(NAME stream_validate_quiet_on_tty
             COMMAND ${ILOKG_SCRIPT} -qec "'$<TARGET_FILE:ilokg>' validate --quiet \
'${ILOKG_EXPORT_DIR}/export.nt'" /dev/null)
    set_tests_properties(stream_validate_quiet_on_tty PROPERTIES FIXTURES_REQUIRED export_corpus
        LABELS export FAIL_REGULAR_EXPRESSION "ilokg")
endif()
foreach(cmd "load --store '${ILOKG_STREAM_DIR}/quiet.store'" "validate")
    string(REGEX MATCH "^[a-z]+" verb "${cmd}")
    add_test(NAME stream_${verb}_silent_without_tty
             COMMAND sh -c "err=$('$<TARGET_FILE:ilokg>' ${cmd} \
'${ILOKG_EXPORT_DIR}/export.nt' 2>&1 >/dev/null) && test -z \"$err\"")
    set_tests_properties(stream_${verb}_silent_without_tty PROPERTIES
        FIXTURES_REQUIRED export_corpus LABELS export)
endforeach()
