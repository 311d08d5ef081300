# Runs one command and checks what it did; used by the CLI tests (cmake -P, see cli_cli.cmake).
#
#   cmake [-DEXIT=N] [-DSTDOUT=REGEX] [-DSTDERR=REGEX] [-DNOT_STDERR=REGEX] [-DSCRATCH=DIR]
#         [-DSEED_FILE=PATH -DSEED_TEXT=TEXT] [-DAFTER_FILES=a;b] [-DUNCHANGED=PATH]
#         [-DWORKDIR=DIR] -P run_cli.cmake -- COMMAND [ARG...]
#
# EXIT: the expected exit status (default 0). STDOUT/STDERR: regular expressions the outputs
# must match; NOT_STDERR one stderr must not match. SCRATCH: a directory emptied before the run;
# AFTER_FILES: the exact list of paths (relative to SCRATCH, sorted) it must hold afterwards.
# SEED_FILE/SEED_TEXT: a file written before the run; UNCHANGED: a seeded file that must still
# hold SEED_TEXT afterwards. Both outputs are echoed, so a failing test shows them; every failed
# check prints a line starting "CLI-CHECK-FAILED", for FAIL_REGULAR_EXPRESSION when a test also
# uses PASS_REGULAR_EXPRESSION (which makes CTest ignore the exit status).
cmake_minimum_required(VERSION 3.25)

set(cmd "")
set(in_cmd FALSE)
math(EXPR last "${CMAKE_ARGC} - 1")
foreach(i RANGE 1 ${last})
    if(in_cmd)
        list(APPEND cmd "${CMAKE_ARGV${i}}")
    elseif(CMAKE_ARGV${i} STREQUAL "--")
        set(in_cmd TRUE)
    endif()
endforeach()
if(NOT cmd)
    message(FATAL_ERROR "CLI-CHECK-FAILED: no command given after --")
endif()
if(NOT DEFINED EXIT)
    set(EXIT 0)
endif()
if(NOT DEFINED WORKDIR)
    set(WORKDIR "${CMAKE_CURRENT_BINARY_DIR}")
endif()

if(SCRATCH)
    file(REMOVE_RECURSE "${SCRATCH}")
    file(MAKE_DIRECTORY "${SCRATCH}")
endif()
if(SEED_FILE)
    file(WRITE "${SEED_FILE}" "${SEED_TEXT}")
endif()

execute_process(COMMAND ${cmd} WORKING_DIRECTORY "${WORKDIR}" RESULT_VARIABLE rc
                OUTPUT_VARIABLE out ERROR_VARIABLE err INPUT_FILE /dev/null)
string(REPLACE ";" " " shown "${cmd}")
message("command: ${shown}\nexit status: ${rc}\n--- stdout ---\n${out}--- stderr ---\n${err}---")

# Regular expressions come as command-line arguments: "\\n" in them stands for a newline.
foreach(key STDOUT STDERR NOT_STDERR)
    if(DEFINED ${key})
        string(REPLACE "\\n" "\n" ${key} "${${key}}")
    endif()
endforeach()

set(failed "")
if(NOT rc STREQUAL EXIT)
    list(APPEND failed "exit status ${rc}, expected ${EXIT}")
endif()
if(DEFINED STDOUT AND NOT out MATCHES "${STDOUT}")
    list(APPEND failed "stdout does not match '${STDOUT}'")
endif()
if(DEFINED STDERR AND NOT err MATCHES "${STDERR}")
    list(APPEND failed "stderr does not match '${STDERR}'")
endif()
if(DEFINED NOT_STDERR AND err MATCHES "${NOT_STDERR}")
    list(APPEND failed "stderr matches '${NOT_STDERR}'")
endif()
if(err MATCHES "(ERROR: (Address|Leak)Sanitizer|runtime error: )")
    list(APPEND failed "sanitizer report on stderr")
endif()
if(SCRATCH AND DEFINED AFTER_FILES)
    file(GLOB_RECURSE left LIST_DIRECTORIES TRUE RELATIVE "${SCRATCH}" "${SCRATCH}/*")
    list(SORT left)
    list(SORT AFTER_FILES)
    if(NOT left STREQUAL AFTER_FILES)
        list(APPEND failed "${SCRATCH} holds '${left}', expected '${AFTER_FILES}'")
    endif()
endif()
if(UNCHANGED)
    if(NOT EXISTS "${UNCHANGED}")
        list(APPEND failed "${UNCHANGED} was removed")
    else()
        file(READ "${UNCHANGED}" now)
        if(NOT now STREQUAL SEED_TEXT)
            list(APPEND failed "${UNCHANGED} was changed")
        endif()
    endif()
endif()

if(failed)
    foreach(f IN LISTS failed)
        message("CLI-CHECK-FAILED: ${f}")
    endforeach()
    message(FATAL_ERROR "CLI-CHECK-FAILED")
endif()
