# The installation: `cmake --install` into a temporary prefix, then the installed tool, header,
# library, pkg-config file and CMake package are used from outside the source tree.
#
# This file has two roles. Included from tests/CMakeLists.txt it defines the test; run by that
# test (cmake -P) it does the work.

if(NOT CMAKE_SCRIPT_MODE_FILE)
    add_test(NAME install_tree
             COMMAND ${CMAKE_COMMAND} -DBUILD_DIR=${CMAKE_BINARY_DIR}
                     -DVERSION=${PROJECT_VERSION} -DCC=${CMAKE_C_COMPILER}
                     -DPKG_CONFIG=${PKG_CONFIG_EXECUTABLE} "-DSANITIZE=${ILOKG_SANITIZE}"
                     -DBINDIR=${CMAKE_INSTALL_BINDIR} -DLIBDIR=${CMAKE_INSTALL_LIBDIR}
                     -DINCLUDEDIR=${CMAKE_INSTALL_INCLUDEDIR} -DDATADIR=${CMAKE_INSTALL_DATADIR}
                     -DMANDIR=${CMAKE_INSTALL_MANDIR}
                     -P ${CMAKE_CURRENT_LIST_FILE})
    set_tests_properties(install_tree PROPERTIES LABELS install
                         FAIL_REGULAR_EXPRESSION "(ERROR: (Address|Leak)Sanitizer|runtime error: )")
    return()
endif()

cmake_minimum_required(VERSION 3.25)

# Outside the source tree (a build directory is often inside it): under the system's temp dir.
if(DEFINED ENV{TMPDIR} AND IS_DIRECTORY "$ENV{TMPDIR}")
    set(tmp "$ENV{TMPDIR}")
else()
    set(tmp /tmp)
endif()
string(RANDOM LENGTH 10 tag)
set(top "${tmp}/ilokg-install-test-${tag}")
set(prefix "${top}/prefix")
set(work "${top}/work")
file(MAKE_DIRECTORY "${prefix}" "${work}")
message("install test in ${top}")

# Fails the test; the temporary tree goes too (everything needed is in the output above).
function(die msg)
    file(REMOVE_RECURSE "${top}")
    message(FATAL_ERROR "install test: ${msg}")
endfunction()

set(sanitize_flags "")
if(SANITIZE)
    set(sanitize_flags "-fsanitize=${SANITIZE}")
endif()

# run(WHAT [OUTPUT var] COMMAND ...): runs a command from ${work} without ILOKG_DATA_DIR; a
# non-zero exit fails the test with the command's output.
function(run what)
    cmake_parse_arguments(PARSE_ARGV 1 R "" "OUTPUT" "COMMAND")
    execute_process(COMMAND ${CMAKE_COMMAND} -E env --unset=ILOKG_DATA_DIR ${R_COMMAND}
                    WORKING_DIRECTORY "${work}" RESULT_VARIABLE rc OUTPUT_VARIABLE out
                    ERROR_VARIABLE err INPUT_FILE /dev/null)
    string(REPLACE ";" " " shown "${R_COMMAND}")
    message("${what}: ${shown}\n${out}${err}")
    if(NOT rc STREQUAL "0")
        die("${what} failed (exit status ${rc})")
    endif()
    if(R_OUTPUT)
        set(${R_OUTPUT} "${out}" PARENT_SCOPE)
    endif()
endfunction()

run("install" COMMAND ${CMAKE_COMMAND} --install "${BUILD_DIR}" --prefix "${prefix}")

foreach(path ${BINDIR}/ilokg ${LIBDIR}/libilokg.so ${INCLUDEDIR}/ilokg.h
        ${LIBDIR}/pkgconfig/ilokg.pc ${LIBDIR}/cmake/ilokg/ilokgConfig.cmake
        ${MANDIR}/man1/ilokg.1 ${DATADIR}/ilokg/ontology ${DATADIR}/ilokg/queries
        ${DATADIR}/ilokg/reference ${DATADIR}/ilokg/corpus/MANIFEST.tsv)
    if(NOT EXISTS "${prefix}/${path}")
        die("${path} was not installed")
    endif()
endforeach()

# The installed tool, run from elsewhere, finds its library and its data by itself.
set(tool "${prefix}/${BINDIR}/ilokg")
run("installed tool, version" OUTPUT out COMMAND "${tool}" --version)
if(NOT out STREQUAL "ilokg ${VERSION}\n")
    die("--version printed '${out}', expected 'ilokg ${VERSION}'")
endif()
run("installed tool, stats" COMMAND "${tool}" stats "${prefix}/${DATADIR}/ilokg/corpus")

# A program built against the installed header and library through pkg-config.
file(WRITE "${work}/hello.c" [=[
#include <ilokg.h>
#include <stdio.h>
#include <string.h>

int
main(void)
{
    const char *v = ilokg_version();
    printf("libilokg %s\n", v);
    return strcmp(v, ILOKG_VERSION) != 0;
}
]=])
set(ENV{PKG_CONFIG_PATH} "${prefix}/${LIBDIR}/pkgconfig")
run("pkg-config" OUTPUT flags COMMAND "${PKG_CONFIG}" --cflags --libs ilokg)
run("pkg-config libdir" OUTPUT libdir COMMAND "${PKG_CONFIG}" --variable=libdir ilokg)
string(STRIP "${flags}" flags)
string(STRIP "${libdir}" libdir)
separate_arguments(flags UNIX_COMMAND "${flags}")
run("compile against the installed library"
    COMMAND "${CC}" -std=c11 -Wall -Werror ${sanitize_flags} hello.c ${flags}
            "-Wl,-rpath,${libdir}" -o hello)
run("program linked with libilokg" OUTPUT out COMMAND "${work}/hello")
if(NOT out STREQUAL "libilokg ${VERSION}\n")
    die("the program printed '${out}'")
endif()

# The same through the CMake package: find_package(ilokg) and the ilokg::ilokg target.
file(MAKE_DIRECTORY "${work}/cmake-consumer")
file(COPY "${work}/hello.c" DESTINATION "${work}/cmake-consumer")
file(WRITE "${work}/cmake-consumer/CMakeLists.txt" "
cmake_minimum_required(VERSION 3.25)
project(hello LANGUAGES C)
find_package(ilokg ${VERSION} CONFIG REQUIRED)
add_executable(hello hello.c)
target_link_libraries(hello PRIVATE ilokg::ilokg)
")
run("configure a CMake project using the package"
    COMMAND "${CMAKE_COMMAND}" -S "${work}/cmake-consumer" -B "${work}/cmake-consumer/build"
            "-DCMAKE_PREFIX_PATH=${prefix}" "-DCMAKE_C_COMPILER=${CC}"
            "-DCMAKE_C_FLAGS=${sanitize_flags}" "-DCMAKE_EXE_LINKER_FLAGS=${sanitize_flags}")
run("build it" COMMAND "${CMAKE_COMMAND}" --build "${work}/cmake-consumer/build")
run("run it" OUTPUT out COMMAND "${work}/cmake-consumer/build/hello")
if(NOT out STREQUAL "libilokg ${VERSION}\n")
    die("the CMake-built program printed '${out}'")
endif()

file(REMOVE_RECURSE "${top}")
message("install test: passed")
