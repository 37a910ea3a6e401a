# Warnings are set per target (never on third-party headers, which come in as SYSTEM includes).
# -Wnull-dereference is left out: with g++ 12 it reports paths inside inlined nlohmann::json and
# libstdc++ code that cannot happen, and those false positives outnumbered real findings.
function(vaardig_warnings target)
  target_compile_options(${target} PRIVATE
    -Wall -Wextra -Wpedantic -Wcast-qual -Wformat=2
    -Wnon-virtual-dtor -Wvla)
  # g++ 12 at -O3 reports -Wrestrict inside std::string's operator+ (GCC bug 105329).
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
    target_compile_options(${target} PRIVATE -Wno-restrict)
  endif()
  if(VAARDIG_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()

# vaardig_library(NAME <layer> SOURCES ... DEPS ...): one library per layer, alias vaardig::<layer>.
function(vaardig_library)
  cmake_parse_arguments(ARG "" "NAME" "SOURCES;DEPS;PRIVATE_DEPS" ${ARGN})
  add_library(vaardig_${ARG_NAME} STATIC ${ARG_SOURCES})
  add_library(vaardig::${ARG_NAME} ALIAS vaardig_${ARG_NAME})
  target_include_directories(vaardig_${ARG_NAME} PUBLIC ${PROJECT_SOURCE_DIR})
  target_link_libraries(vaardig_${ARG_NAME} PUBLIC ${ARG_DEPS} PRIVATE ${ARG_PRIVATE_DEPS})
  vaardig_warnings(vaardig_${ARG_NAME})
endfunction()
