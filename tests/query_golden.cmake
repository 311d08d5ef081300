# Runs one canned query and compares its CSV answer with a golden file (cmake -P).
#
#   cmake -DILOKG=tool -DQUERY=file.rq -DGOLDEN=file.csv -DDATA="a.ttl;b.nt" -P query_golden.cmake
#   cmake -DILOKG=tool -DQUERY=file.rq -DGOLDEN=file.csv -DSTORE=dir -P query_golden.cmake
#
# With STORE the query reads the persistent store at dir (loaded from the same data) instead of
# the files: both must give the golden answer.
# ILOKG_UPDATE_GOLDEN=1 in the environment rewrites the golden file instead (review the diff).
cmake_minimum_required(VERSION 3.25)
set(args query -r csv)
foreach(d ${DATA})
    list(APPEND args --data ${d})
endforeach()
if(STORE)
    list(APPEND args --store ${STORE})
endif()
execute_process(COMMAND ${ILOKG} ${args} ${QUERY}
                OUTPUT_VARIABLE out ERROR_VARIABLE err RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
    message(FATAL_ERROR "GOLDEN-FAILED: ilokg query exited ${rc}\n${err}")
endif()
if("$ENV{ILOKG_UPDATE_GOLDEN}" STREQUAL "1" AND NOT STORE)
    # Straight from the tool: going through a CMake string loses the CSV's CR LF line ends.
    execute_process(COMMAND ${ILOKG} ${args} ${QUERY} OUTPUT_FILE ${GOLDEN})
    message(STATUS "rewrote ${GOLDEN}")
    return()
endif()
file(READ ${GOLDEN} want)
if(NOT out STREQUAL want)
    message(FATAL_ERROR "GOLDEN-FAILED: the answer differs from ${GOLDEN}\n--- got:\n${out}\n--- want:\n${want}\n${err}")
endif()
