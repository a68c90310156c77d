# Warnings live on an INTERFACE target that every beladdr target links
# PRIVATE, so they never leak into consumers or into global CMAKE_CXX_FLAGS.
add_library(beladdr_warnings INTERFACE)
target_compile_options(beladdr_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wold-style-cast
  -Wcast-align -Wunused -Woverloaded-virtual -Wimplicit-fallthrough -Wformat=2)
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
  # GCC 12 reports false positives inside libstdc++'s std::string
  # (GCC PR105329); keep them from hiding real warnings.
  target_compile_options(beladdr_warnings INTERFACE -Wno-restrict)
endif()
if(BELADDR_WERROR)
  target_compile_options(beladdr_warnings INTERFACE -Werror)
endif()
