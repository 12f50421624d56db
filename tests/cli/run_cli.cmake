# Runs the CLI and compares its standard output with a golden file.
#   -DJIXIAO=path  -DARGS="value|--json" (arguments separated by |)  -DINPUT=stdin file
#   -DEXPECTED=golden stdout  -DEXPECTED_STATUS=n  -DWORKDIR=directory to run in (file names
#   in the output are then relative to it)
# Without a subcommand in ARGS, "value" is put first.
string(REPLACE "|" ";" ARGS "${ARGS}")
if(NOT ARGS MATCHES "^(value|read|score|lint|report)(;|$)")
  set(ARGS value ${ARGS})
endif()
if(NOT DEFINED WORKDIR)
  set(WORKDIR ".")
endif()
if(DEFINED INPUT)
  execute_process(COMMAND "${JIXIAO}" ${ARGS} INPUT_FILE "${INPUT}" WORKING_DIRECTORY "${WORKDIR}"
    OUTPUT_VARIABLE out ERROR_VARIABLE err RESULT_VARIABLE status)
else()
  execute_process(COMMAND "${JIXIAO}" ${ARGS} WORKING_DIRECTORY "${WORKDIR}"
    OUTPUT_VARIABLE out ERROR_VARIABLE err RESULT_VARIABLE status)
endif()
if(NOT status EQUAL EXPECTED_STATUS)
  message(FATAL_ERROR "exit status ${status}, expected ${EXPECTED_STATUS}\nstdout:\n${out}\nstderr:\n${err}")
endif()
if(DEFINED EXPECTED)
  file(READ "${EXPECTED}" want)
  if(NOT out STREQUAL want)
    message(FATAL_ERROR "output differs from ${EXPECTED}\n--- got:\n${out}\n--- want:\n${want}")
  endif()
endif()
