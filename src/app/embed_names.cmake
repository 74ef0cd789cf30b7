# Turns the name tables into a C++ source so the binary needs no data files at run time.
file(READ ${SRC}/boys_2016.csv BOYS)
file(READ ${SRC}/girls_2016.csv GIRLS)
file(READ ${SRC}/surname-freq.csv SURNAMES)
file(WRITE ${OUT} "// Generated from data/names by embed_names.cmake; do not edit.\n"
  "namespace safehub::app::names {\n"
  "extern const char kBoys[] = R\"names(${BOYS})names\";\n"
  "extern const char kGirls[] = R\"names(${GIRLS})names\";\n"
  "extern const char kSurnames[] = R\"names(${SURNAMES})names\";\n"
  "}\n")
