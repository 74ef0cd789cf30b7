// Writes JSON text straight into a string, for the responses read most often (a child's
// record): building an nlohmann tree first cost a third of such a request's CPU, in map
// nodes and small strings that were thrown away at once.
//
// Output is what nlohmann's dump(-1, ' ', false, error_handler_t::replace) gives for the same
// values: the same escapes, UTF-8 passed through, invalid UTF-8 replaced by U+FFFD. Keys come
// in the order written (nlohmann sorts them; JSON does not care).
//
// The same field lists serve both: a mapping written once as
//   template <typename Out> void PersonFields(Out& out, const Person& p)
// runs with a JsonWriter::Object (text) or a JsonObjectOut (an nlohmann object).
#pragma once

#include <concepts>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>

#include "http/json_io.h"

namespace safehub::http {

class JsonWriter {
 public:
  // Writes into an object: Field for a scalar, Object and Array for nested values.
  class Object {
   public:
    explicit Object(JsonWriter& w) : w_(w) {}
    void Field(std::string_view key, std::string_view value) { w_.Key(key); w_.String(value); }
    void Field(std::string_view key, const std::string& value) { Field(key, std::string_view(value)); }
    void Field(std::string_view key, const char* value) { Field(key, std::string_view(value)); }
    template <std::integral T>
    void Field(std::string_view key, T value) {
      w_.Key(key);
      if constexpr (std::is_same_v<T, bool>) w_.Bool(value);
      else w_.Int(static_cast<std::int64_t>(value));
    }
    void Field(std::string_view key, std::nullptr_t) { w_.Key(key); w_.Null(); }
    template <typename T>
    void Field(std::string_view key, const std::optional<T>& value) {
      if (value) Field(key, *value);
      else Field(key, nullptr);
    }
    // `fill(Object&)` writes the nested object's fields.
    template <typename Fill>
    void Nested(std::string_view key, Fill&& fill) {
      w_.Key(key);
      w_.BeginObject();
      Object inner(w_);
      fill(inner);
      w_.EndObject();
    }
    // One nested object per item: `fill(Object&, const Item&)`.
    template <typename Items, typename Fill>
    void Array(std::string_view key, const Items& items, Fill&& fill) {
      w_.Key(key);
      w_.BeginArray();
      for (const auto& item : items) {
        w_.BeginObject();
        Object inner(w_);
        fill(inner, item);
        w_.EndObject();
      }
      w_.EndArray();
    }

   private:
    JsonWriter& w_;
  };

  // The whole document as one object.
  template <typename Fill>
  static std::string WriteObject(Fill&& fill) {
    JsonWriter w;
    w.out_.reserve(8192);  // a child's record is a few kilobytes: grow once, not a dozen times
    w.BeginObject();
    Object root(w);
    fill(root);
    w.EndObject();
    return std::move(w.out_);
  }

  void BeginObject() { Open('{'); }
  void EndObject() { Close('}'); }
  void BeginArray() { Open('['); }
  void EndArray() { Close(']'); }
  void Key(std::string_view key);
  void String(std::string_view value);
  void Int(std::int64_t value);
  void Bool(bool value);
  void Null();
  const std::string& text() const { return out_; }

 private:
  void Separate();
  void Open(char c);
  void Close(char c);
  std::string out_;
  bool first_ = true;     // no value written yet in the innermost object or array
  bool after_key_ = false;
};

// The same interface over an nlohmann object, for mappings that also build trees.
class JsonObjectOut {
 public:
  explicit JsonObjectOut(Json& object) : j_(object) {}
  template <typename T>
  void Field(std::string_view key, const T& value) { j_[std::string(key)] = value; }
  template <typename T>
  void Field(std::string_view key, const std::optional<T>& value) {
    j_[std::string(key)] = value ? Json(*value) : Json(nullptr);
  }
  template <typename Fill>
  void Nested(std::string_view key, Fill&& fill) {
    Json inner = Json::object();
    JsonObjectOut out(inner);
    fill(out);
    j_[std::string(key)] = std::move(inner);
  }
  template <typename Items, typename Fill>
  void Array(std::string_view key, const Items& items, Fill&& fill) {
    Json list = Json::array();
    for (const auto& item : items) {
      Json inner = Json::object();
      JsonObjectOut out(inner);
      fill(out, item);
      list.push_back(std::move(inner));
    }
    j_[std::string(key)] = std::move(list);
  }

 private:
  Json& j_;
};

}  // namespace safehub::http
