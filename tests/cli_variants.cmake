# The reader on other extractions of the corpus: tests/make_variants.py makes, from every document,
# a paragraph-per-line, two fixed-width layouts with columns, a narrow re-wrapping, CR LF, typographic
# quotes and glued page numbers; tests/compare_variants.py checks that each gives the commitments
# of the text as shipped. The differences that remain are listed, with docs/reading.md saying why.
find_package(Python3 COMPONENTS Interpreter)
if(Python3_FOUND)
    add_test(NAME reader_variants
             COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/compare_variants.py
                     --known ${CMAKE_CURRENT_SOURCE_DIR}/variants-known.txt
                     $<TARGET_FILE:ilokg> ${CMAKE_SOURCE_DIR}/data/corpus
                     ${CMAKE_CURRENT_BINARY_DIR}/variants)
    set_tests_properties(reader_variants PROPERTIES
        ENVIRONMENT "ILOKG_DATA_DIR=${ILOKG_BUILD_DATA_DIR}" LABELS "cli;reader")
endif()
