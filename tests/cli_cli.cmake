# The tool's command line: help, version, usage errors, input errors, atomic output, man page.
# Each test runs the built tool through run_cli.cmake, which checks the exit status and outputs.

set(ILOKG_CLI_SCRATCH ${CMAKE_CURRENT_BINARY_DIR}/cli-scratch)
set(ILOKG_CORPUS ${CMAKE_SOURCE_DIR}/data/corpus)
set(ILOKG_BAD_UTF8 ${CMAKE_CURRENT_SOURCE_DIR}/fixtures/bad-utf8.txt)

# ilokg_cli_test(NAME [EXIT n] [STDOUT re] [STDERR re] [NOT_STDERR re] [SCRATCH dir]
#                [AFTER_FILES files] [SEED_FILE path SEED_TEXT text] [UNCHANGED path]
#                [PASS re] ARGS arg...)
# Runs `ilokg ARGS...` from the scratch directory (or the build directory). PASS sets
# PASS_REGULAR_EXPRESSION on the test; the exit status is checked all the same.
function(ilokg_cli_test name)
    cmake_parse_arguments(PARSE_ARGV 1 T ""
        "EXIT;STDOUT;STDERR;NOT_STDERR;SCRATCH;SEED_FILE;SEED_TEXT;UNCHANGED;PASS"
        "ARGS;AFTER_FILES")
    set(defs -DEXIT=${T_EXIT})
    if(NOT DEFINED T_EXIT)
        set(defs -DEXIT=0)
    endif()
    foreach(key STDOUT STDERR NOT_STDERR SEED_FILE SEED_TEXT UNCHANGED)
        if(DEFINED T_${key})
            list(APPEND defs "-D${key}=${T_${key}}")
        endif()
    endforeach()
    if(DEFINED T_SCRATCH)
        list(APPEND defs "-DSCRATCH=${T_SCRATCH}" "-DWORKDIR=${T_SCRATCH}")
        if("AFTER_FILES" IN_LIST T_KEYWORDS_MISSING_VALUES OR DEFINED T_AFTER_FILES)
            string(REPLACE ";" "\\;" files "${T_AFTER_FILES}")
            list(APPEND defs "-DAFTER_FILES=${files}")
        endif()
    endif()
    add_test(NAME ${name}
             COMMAND ${CMAKE_COMMAND} ${defs} -P ${CMAKE_CURRENT_SOURCE_DIR}/run_cli.cmake --
                     $<TARGET_FILE:ilokg> ${T_ARGS})
    set_tests_properties(${name} PROPERTIES LABELS cli FAIL_REGULAR_EXPRESSION "CLI-CHECK-FAILED")
    if(DEFINED T_PASS)
        set_tests_properties(${name} PROPERTIES PASS_REGULAR_EXPRESSION "${T_PASS}")
    endif()
endfunction()

# --help, --version
ilokg_cli_test(cli_help ARGS --help
    STDOUT "^Usage: ilokg COMMAND.*Commands:\\n  convert .*\\n  stats .*\\n  load .*\\n  query .*\\n  validate ")
ilokg_cli_test(cli_help_short ARGS -h STDOUT "Commands:")
ilokg_cli_test(cli_no_arguments EXIT 2 STDERR "^Usage: ilokg COMMAND")
ilokg_cli_test(cli_version ARGS --version STDOUT "^ilokg ${PROJECT_VERSION}\\n$")
ilokg_cli_test(cli_version_short ARGS -V STDOUT "^ilokg ${PROJECT_VERSION}\\n$")
foreach(cmd convert stats load query validate)
    ilokg_cli_test(cli_help_${cmd} ARGS ${cmd} --help
        STDOUT "^Usage: ilokg ${cmd} \\[OPTIONS\\].*Options:.*--help")
endforeach()

# Usage errors: exit 2, name the culprit, point at --help.
ilokg_cli_test(cli_unknown_command EXIT 2 ARGS frobnicate
    STDERR "^ilokg: unknown command 'frobnicate'\\nTry 'ilokg --help'")
ilokg_cli_test(cli_unknown_top_option EXIT 2 ARGS --frobnicate
    STDERR "^ilokg: unknown option '--frobnicate'")
ilokg_cli_test(cli_unknown_option EXIT 2 ARGS convert --no-such-option ${ILOKG_CORPUS}
    STDERR "^ilokg: unknown option '--no-such-option'\\nTry 'ilokg convert --help'")
ilokg_cli_test(cli_unknown_short_option EXIT 2 ARGS stats -x ${ILOKG_CORPUS}
    STDERR "unknown option '-x'")
ilokg_cli_test(cli_option_needs_argument EXIT 2 ARGS convert -f
    STDERR "option '-f' needs an argument")
ilokg_cli_test(cli_unknown_format EXIT 2 ARGS convert -f no-such-format ${ILOKG_CORPUS}
    STDERR "unknown format 'no-such-format'")
ilokg_cli_test(cli_convert_missing_operand EXIT 2 ARGS convert STDERR "no input")
ilokg_cli_test(cli_stats_missing_operand EXIT 2 ARGS stats STDERR "no input")

# Input errors: exit 1, the message names the file (and the place in it).
ilokg_cli_test(cli_missing_input EXIT 1 SCRATCH ${ILOKG_CLI_SCRATCH}/missing-input
    ARGS stats no-such-file.txt STDERR "no-such-file\\.txt: error: ")
ilokg_cli_test(cli_directory_without_manifest EXIT 1 SCRATCH ${ILOKG_CLI_SCRATCH}/no-manifest
    ARGS stats . STDERR "MANIFEST\\.tsv")
ilokg_cli_test(cli_bad_utf8 EXIT 1 ARGS stats ${ILOKG_BAD_UTF8}
    PASS "bad-utf8\\.txt:3:9: error: invalid UTF-8 byte 0xE9"
    STDERR "\\n The ILO \\\\xE9tudiera 1\\. Cooperate;\\n         \\^\\n")

# Output is atomic: nothing is left behind by a failed conversion, and an existing file is kept.
ilokg_cli_test(cli_convert_output_dir_missing EXIT 1 SCRATCH ${ILOKG_CLI_SCRATCH}/no-dir
    ARGS convert -o no-such-dir/out.ttl ${ILOKG_CORPUS} AFTER_FILES)
ilokg_cli_test(cli_convert_failure_keeps_output EXIT 1 SCRATCH ${ILOKG_CLI_SCRATCH}/keep
    SEED_FILE ${ILOKG_CLI_SCRATCH}/keep/out.ttl SEED_TEXT "previous output"
    UNCHANGED ${ILOKG_CLI_SCRATCH}/keep/out.ttl AFTER_FILES out.ttl
    ARGS convert -o out.ttl ${ILOKG_BAD_UTF8} STDERR "bad-utf8\\.txt:3:9: error: ")

# The man page: every long option each command's --help prints is documented; mandoc finds no
# fault in it.
add_test(NAME cli_manpage_options
         COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/check-manpage $<TARGET_FILE:ilokg>
                 ${CMAKE_SOURCE_DIR}/docs/ilokg.1)
set_tests_properties(cli_manpage_options PROPERTIES LABELS cli)
find_program(ILOKG_MANDOC mandoc)
if(ILOKG_MANDOC)
    add_test(NAME cli_manpage_lint
             COMMAND ${ILOKG_MANDOC} -Tlint -Wwarning ${CMAKE_SOURCE_DIR}/docs/ilokg.1)
    set_tests_properties(cli_manpage_lint PROPERTIES LABELS cli)
endif()
