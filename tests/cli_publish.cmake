# ilokg publish: the static site checked file by file (tests/check_publish.py), and bad use.
if(COMMAND ilokg_cli_test)
    find_package(Python3 COMPONENTS Interpreter)
    find_program(ILOKG_RAPPER rapper)
    if(Python3_Interpreter_FOUND AND ILOKG_RAPPER)
        add_test(NAME publish_site COMMAND ${Python3_EXECUTABLE}
                 ${CMAKE_CURRENT_SOURCE_DIR}/check_publish.py $<TARGET_FILE:ilokg>
                 ${CMAKE_CURRENT_SOURCE_DIR}/fixtures/page-mini.ttl
                 ${CMAKE_CURRENT_BINARY_DIR}/publish-scratch)
        set_tests_properties(publish_site PROPERTIES LABELS cli)
    endif()
    set(P ${CMAKE_CURRENT_SOURCE_DIR}/fixtures/page-mini.ttl)
    ilokg_cli_test(publish_needs_site EXIT 2 ARGS publish --data ${P} site
        STDERR "--site URL is required")
    ilokg_cli_test(publish_bad_site EXIT 2 ARGS publish --site ftp://example.org/ --data ${P} site
        STDERR "not an http\\(s\\) URL ending in '/'")
    ilokg_cli_test(publish_bad_data EXIT 1
        ARGS publish --site https://example.org/ --data ${CMAKE_CURRENT_SOURCE_DIR}/fixtures/query-bad.ttl site
        STDERR "query-bad.ttl:3: error: syntax error")
endif()
