# Turns bank_holidays_england_wales.csv into a C++ source, so the calendar needs no data file
# at run time and the CSV stays the one source of truth.
file(READ ${SRC} HOLIDAYS)
file(WRITE ${OUT} "// Generated from ${SRC} by embed_bank_holidays.cmake; do not edit.\n"
  "namespace safehub::calendar_data {\n"
  "extern const char kBankHolidaysEnglandWales[];\n"
  "const char kBankHolidaysEnglandWales[] = R\"holidays(${HOLIDAYS})holidays\";\n"
  "}\n")
