# Linkage benchmarks (issue 3): FEBRL3/4, Splink 50k, 1M synthetic children, real-time link.
# Plain main that prints figures; data from ../shared/data/linkage or SAFEHUB_LINKAGE_DATA.
add_executable(linkage_bench ${CMAKE_CURRENT_LIST_DIR}/linkage_bench.cc)
target_link_libraries(linkage_bench PRIVATE safehub_linkage)
target_compile_definitions(linkage_bench PRIVATE SAFEHUB_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
