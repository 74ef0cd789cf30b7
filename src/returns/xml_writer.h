// A small indenting XML writer for the returns: elements with escaped text, nothing else
// (no attributes, no mixed content), which is all the DfE schemas use. Not thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/date.h"

namespace safehub::returns {

class XmlWriter {
 public:
  XmlWriter() { out_ = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"; }
  void Open(std::string_view name);
  void Close();
  void Element(std::string_view name, std::string_view text);
  void Element(std::string_view name, Date date) { Element(name, date.ToString()); }
  std::string Finish();  // closes what is still open

 private:
  void Indent();
  std::string out_;
  std::vector<std::string> open_;
};

// Text with &, <, > and quotes escaped (element content and attribute values).
std::string XmlEscape(std::string_view text);

}  // namespace safehub::returns
