# The pages end to end in headless Chromium (tests/browser/browser_test.py): Debian's chromium,
# chromium-driver and python3-selenium (scripts/deps). Skipped (exit 77) when they are missing.
# Screenshots stay in <build>/tests/browser-scratch/screenshots.
find_package(Python3 COMPONENTS Interpreter)
set(ILOKG_SELENIUM_PYTHON "")
# Debian's selenium is in the system Python's path; another python3 first on PATH may lack it.
foreach(py ${Python3_EXECUTABLE} /usr/bin/python3)
    if(NOT ILOKG_SELENIUM_PYTHON AND EXISTS "${py}")
        execute_process(COMMAND ${py} -c "import selenium" RESULT_VARIABLE rc
                        OUTPUT_QUIET ERROR_QUIET)
        if(rc EQUAL 0)
            set(ILOKG_SELENIUM_PYTHON ${py})
        endif()
    endif()
endforeach()
if(NOT ILOKG_SELENIUM_PYTHON)
    set(ILOKG_SELENIUM_PYTHON ${Python3_EXECUTABLE})
endif()
if(ILOKG_SELENIUM_PYTHON)
    add_test(NAME browser_pages COMMAND ${ILOKG_SELENIUM_PYTHON}
             ${CMAKE_CURRENT_SOURCE_DIR}/browser/browser_test.py $<TARGET_FILE:ilokg>
             ${CMAKE_SOURCE_DIR}/data/corpus/hlm13-2017-joint-conclusions.txt
             ${CMAKE_CURRENT_BINARY_DIR}/browser-scratch)
    set_tests_properties(browser_pages PROPERTIES LABELS "cli;browser" SKIP_RETURN_CODE 77
                         TIMEOUT 300 ENVIRONMENT "ILOKG_DATA_DIR=${ILOKG_BUILD_DATA_DIR}")
endif()
