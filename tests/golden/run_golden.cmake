# Runs `awardflow validate` on one sample and compares its JSON report with SAMPLE's
# .expected.json beside it. Valid samples must exit 0, invalid ones 65.
# With AWARDFLOW_UPDATE_GOLDEN=1 in the environment the expected file is (re)written instead;
# review the diff before committing it.
execute_process(
  COMMAND ${AWARDFLOW} validate --attachments samples/attachments --format json ${SAMPLE}
  OUTPUT_VARIABLE actual
  ERROR_VARIABLE errors
  RESULT_VARIABLE status)
string(REGEX REPLACE "\\.xml$" ".expected.json" expected_file "${SAMPLE}")

if(KIND STREQUAL "valid")
  set(want_status 0)
else()
  set(want_status 65)
endif()
if(NOT status EQUAL want_status)
  message(FATAL_ERROR "${SAMPLE}: exit status ${status}, expected ${want_status}\n${errors}${actual}")
endif()

if(DEFINED ENV{AWARDFLOW_UPDATE_GOLDEN} AND "$ENV{AWARDFLOW_UPDATE_GOLDEN}" STREQUAL "1")
  file(WRITE ${expected_file} "${actual}")
  message(STATUS "wrote ${expected_file}")
  return()
endif()
if(NOT EXISTS ${expected_file})
  message(FATAL_ERROR "${SAMPLE}: no golden report ${expected_file}; run `make golden` and review it")
endif()
file(READ ${expected_file} expected)
if(NOT actual STREQUAL expected)
  file(WRITE ${CMAKE_CURRENT_BINARY_DIR}/golden-actual.json "${actual}")
  message(FATAL_ERROR "${SAMPLE}: report differs from ${expected_file}\n--- expected\n${expected}\n--- actual\n${actual}")
endif()
