#include "returns/xsd_validator.h"

#include <libxml/parser.h>
#include <libxml/xmlschemas.h>

#include <memory>
#include <string>
#include <vector>

namespace safehub::returns {

namespace {

struct Errors {
  std::vector<std::string> messages;
};

void Collect(void* ctx, xmlErrorPtr error) {
  auto* errors = static_cast<Errors*>(ctx);
  if (error == nullptr || errors->messages.size() >= 20) return;
  std::string m = error->message ? error->message : "unknown error";
  while (!m.empty() && (m.back() == '\n' || m.back() == ' ')) m.pop_back();
  errors->messages.push_back("line " + std::to_string(error->line) + ": " + m);
}

std::string Join(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : "; ") + s;
  return out;
}

template <typename T, void (*F)(T*)>
struct Deleter {
  void operator()(T* p) const { F(p); }
};
using SchemaParser = std::unique_ptr<xmlSchemaParserCtxt, Deleter<xmlSchemaParserCtxt, xmlSchemaFreeParserCtxt>>;
using Schema = std::unique_ptr<xmlSchema, Deleter<xmlSchema, xmlSchemaFree>>;
using SchemaValidator = std::unique_ptr<xmlSchemaValidCtxt, Deleter<xmlSchemaValidCtxt, xmlSchemaFreeValidCtxt>>;
using Document = std::unique_ptr<xmlDoc, Deleter<xmlDoc, xmlFreeDoc>>;

}  // namespace

Status ValidateAgainstSchema(std::string_view xml, std::string_view xsd) {
  xmlInitParser();  // idempotent and thread-safe; required before concurrent use
  Errors schema_errors;
  SchemaParser parser(xmlSchemaNewMemParserCtxt(xsd.data(), static_cast<int>(xsd.size())));
  if (!parser) return Internal("the XML schema could not be loaded");
  xmlSchemaSetParserStructuredErrors(parser.get(), Collect, &schema_errors);
  Schema schema(xmlSchemaParse(parser.get()));
  if (!schema) return Internal("the XML schema does not parse: " + Join(schema_errors.messages));

  Errors errors;
  xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
  if (ctxt == nullptr) return Internal("out of memory creating the XML parser");
  Document doc(xmlCtxtReadMemory(ctxt, xml.data(), static_cast<int>(xml.size()), "census.xml", "UTF-8",
                                 XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING));
  if (!doc) {
    const xmlError* e = xmlCtxtGetLastError(ctxt);
    std::string m = e && e->message ? e->message : "not well-formed";
    while (!m.empty() && m.back() == '\n') m.pop_back();
    const int line = e ? e->line : 0;
    xmlFreeParserCtxt(ctxt);
    return InvalidArgument("the XML is not well-formed: line " + std::to_string(line) + ": " + m);
  }
  xmlFreeParserCtxt(ctxt);
  // A census file has no DTD; one could only smuggle in entities the schema cannot see.
  if (doc->intSubset != nullptr) return InvalidArgument("the XML declares a DTD (<!DOCTYPE>), which a census file must not");

  SchemaValidator validator(xmlSchemaNewValidCtxt(schema.get()));
  if (!validator) return Internal("out of memory creating the schema validator");
  xmlSchemaSetValidStructuredErrors(validator.get(), Collect, &errors);
  const int rc = xmlSchemaValidateDoc(validator.get(), doc.get());
  if (rc == 0) return Status::Ok();
  if (rc < 0) return InvalidArgument("the XML could not be validated against the schema: " + Join(errors.messages));
  return InvalidArgument("the XML is not valid against the schema: " + Join(errors.messages));
}

}  // namespace safehub::returns
