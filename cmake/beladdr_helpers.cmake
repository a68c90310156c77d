# beladdr_add_test(<name> SOURCES <files...> LIBS <targets...> LABELS <labels...>)
#
# One GoogleTest binary per module; every TEST is registered with ctest
# through gtest_discover_tests so that `ctest -L <label>` and `ctest -R`
# select single cases.
include(GoogleTest)
function(beladdr_add_test name)
  cmake_parse_arguments(ARG "" "" "SOURCES;LIBS;LABELS" ${ARGN})
  add_executable(${name} ${ARG_SOURCES})
  target_link_libraries(${name} PRIVATE ${ARG_LIBS} GTest::gmock GTest::gtest_main
                        beladdr_warnings)
  target_include_directories(${name} PRIVATE ${PROJECT_SOURCE_DIR}/tests)
  target_compile_definitions(${name} PRIVATE
    BELADDR_TESTDATA_DIR="${PROJECT_SOURCE_DIR}/tests/testdata"
    BELADDR_DATA_DIR="${PROJECT_SOURCE_DIR}/data"
    BELADDR_BIN_DIR="${CMAKE_RUNTIME_OUTPUT_DIRECTORY}")
  # A case that hangs fails after 5 minutes instead of holding the suite.
  gtest_discover_tests(${name}
    PROPERTIES LABELS "${ARG_LABELS}" TIMEOUT 300
    DISCOVERY_TIMEOUT 60)
endfunction()

# beladdr_add_benchmark(<name> SOURCES <files...> LIBS <targets...>)
function(beladdr_add_benchmark name)
  cmake_parse_arguments(ARG "" "" "SOURCES;LIBS" ${ARGN})
  add_executable(${name} ${ARG_SOURCES})
  target_link_libraries(${name} PRIVATE ${ARG_LIBS} benchmark::benchmark
                        beladdr_warnings)
  target_compile_definitions(${name} PRIVATE
    BELADDR_DATA_DIR="${PROJECT_SOURCE_DIR}/data")
endfunction()
